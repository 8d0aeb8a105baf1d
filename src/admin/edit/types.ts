import type {
	ClientType,
	GrantType,
	IdTokenAlg,
	RestAccess,
	TokenEndpointAuthMethod,
} from '../../api/types';

/**
 * What the client form edits. Lists of URIs are kept as the text the admin types (one per line)
 * and turned into arrays only when sent.
 */
export interface ClientFormValues {
	name: string;
	redirectUris: string;
	scopes: string[];
	type: ClientType;
	postLogoutRedirectUris: string;
	backchannelLogoutUri: string;
	audiences: string;
	allowedRoles: string[];
	skipConsent: boolean;
	skipConsentOfflineAccess: boolean;
	refreshTokens: boolean;
	idTokenAlg: IdTokenAlg;
	/** Besides `refresh_token`, which `refreshTokens` decides. */
	grantTypes: GrantType[];
	authMethod: TokenEndpointAuthMethod;
	/** The JWK Set as the admin pasted it (JSON text); empty for none. */
	jwks: string;
	jwksUri: string;
	restAccess: RestAccess;
}

export type UriProblem =
	| 'empty'
	| 'too_long'
	| 'whitespace'
	| 'non_ascii'
	| 'not_absolute'
	| 'fragment'
	| 'dangerous_scheme'
	| 'wildcard'
	| 'userinfo'
	| 'no_host'
	| 'http_not_loopback'
	| 'not_web'
	| 'duplicate';

export interface UriLineError {
	/** 1-based line number in the textarea. */
	line: number;
	uri: string;
	problem: UriProblem;
}

export type NameProblem = 'required' | 'too_long';

export interface ClientFormErrors {
	name: NameProblem | null;
	/** Required only while the authorization code grant is checked. */
	redirectUris: UriLineError[] | 'required';
	/** At least one way to get tokens must be checked. */
	grantTypes: 'required' | null;
	postLogoutRedirectUris: UriLineError[];
	backchannelLogoutUri: UriProblem | null;
	audiences: UriLineError[];
}

/** Which of add / edit the screen is in, read from the URL. */
export type EditMode = { kind: 'add' } | { kind: 'edit'; clientId: string };
