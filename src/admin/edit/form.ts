import type {
	Client,
	ClientInput,
	GrantType,
	JwkSet,
	TokenEndpointAuthMethod,
} from '../../api/types';
import type { SharedRules } from '../../config/rules';
import {
	audienceProblem,
	backchannelLogoutUriProblem,
	checkUriList,
	redirectUriProblem,
	splitUris,
} from './redirect-uri';
import type { ClientFormErrors, ClientFormValues, EditMode } from './types';

/**
 * The Add Client form's first values; `allowedRoles` are the site's default allowed roles
 * (`Settings.default_allowed_roles`).
 */
export function emptyForm( allowedRoles: string[] = [] ): ClientFormValues {
	return {
		name: '',
		redirectUris: '',
		scopes: [ 'openid' ],
		type: 'confidential',
		postLogoutRedirectUris: '',
		backchannelLogoutUri: '',
		audiences: '',
		allowedRoles,
		skipConsent: false,
		skipConsentOfflineAccess: false,
		refreshTokens: true,
		idTokenAlg: 'RS256',
		grantTypes: [ 'authorization_code' ],
		authMethod: 'client_secret_basic',
		jwks: '',
		jwksUri: '',
		restAccess: 'none',
	};
}

export function formFromClient( client: Client ): ClientFormValues {
	return {
		name: client.name,
		redirectUris: client.redirect_uris.join( '\n' ),
		scopes: withOpenid( client.scopes ),
		type: client.type,
		postLogoutRedirectUris: ( client.post_logout_redirect_uris ?? [] ).join(
			'\n'
		),
		backchannelLogoutUri: client.backchannel_logout_uri ?? '',
		audiences: ( client.audiences ?? [] ).join( '\n' ),
		allowedRoles: client.allowed_roles ?? [],
		skipConsent: client.skip_consent ?? false,
		skipConsentOfflineAccess: client.skip_consent_offline_access ?? false,
		refreshTokens: client.refresh_tokens ?? true,
		idTokenAlg: client.id_token_signed_response_alg ?? 'RS256',
		grantTypes: ( client.grant_types ?? [ 'authorization_code' ] ).filter(
			( grant ) => grant !== 'refresh_token'
		),
		authMethod:
			client.token_endpoint_auth_method ??
			( client.type === 'public' ? 'none' : 'client_secret_basic' ),
		jwks: client.jwks ? JSON.stringify( client.jwks, null, 2 ) : '',
		jwksUri: client.jwks_uri ?? '',
		restAccess: client.rest_access ?? 'none',
	};
}

/** `openid` is always granted: the UI shows it checked and locked, and always sends it. */
export function withOpenid( scopes: string[] ): string[] {
	return [ 'openid', ...scopes.filter( ( scope ) => scope !== 'openid' ) ];
}

export function toggleInList< T extends string >(
	list: T[],
	item: T,
	on: boolean
): T[] {
	const without = list.filter( ( entry ) => entry !== item );
	return on ? [ ...without, item ] : without;
}

export function formToInput( values: ClientFormValues ): ClientInput {
	return {
		name: values.name.trim(),
		redirect_uris: splitUris( values.redirectUris ),
		scopes: withOpenid( values.scopes ),
		type: values.type,
		post_logout_redirect_uris: splitUris( values.postLogoutRedirectUris ),
		backchannel_logout_uri: values.backchannelLogoutUri.trim(),
		audiences: splitUris( values.audiences ),
		allowed_roles: values.allowedRoles,
		skip_consent: values.skipConsent,
		// Cleared with skip_consent, so turning that back on later does not silently bring back
		// the offline trust too.
		skip_consent_offline_access:
			values.skipConsent && values.skipConsentOfflineAccess,
		refresh_tokens: values.refreshTokens,
		id_token_signed_response_alg: values.idTokenAlg,
		grant_types: [
			...chosenGrantTypes( values ),
			...( values.refreshTokens ? [ 'refresh_token' as const ] : [] ),
		],
		// The type decides for public clients; the server refuses any other pairing.
		token_endpoint_auth_method:
			values.type === 'public' ? 'none' : nonNone( values.authMethod ),
		jwks: parseJwks( values.jwks ),
		jwks_uri: values.jwksUri.trim(),
		rest_access: values.restAccess,
	};
}

/**
 * The grants the admin checked, as the client's type allows them: client_credentials only for a
 * confidential client (the server refuses it for a public one). `refresh_token` is the refresh
 * toggle's, never a checkbox's.
 */
export function chosenGrantTypes( values: ClientFormValues ): GrantType[] {
	return values.grantTypes.filter(
		( grant ) =>
			grant !== 'refresh_token' &&
			! ( grant === 'client_credentials' && values.type === 'public' )
	);
}

function nonNone( method: TokenEndpointAuthMethod ): TokenEndpointAuthMethod {
	return method === 'none' ? 'client_secret_basic' : method;
}

/**
 * The pasted JWK Set; text that is not JSON is sent as it is, so the server names the problem.
 */
function parseJwks( text: string ): JwkSet | null {
	if ( text.trim() === '' ) {
		return null;
	}
	try {
		return JSON.parse( text ) as JwkSet;
	} catch {
		return text as unknown as JwkSet;
	}
}

/**
 * What is wrong with the form, by the server's rules. Without rules (a config that lacks them)
 * only required fields and duplicates are checked; the server judges the rest on save.
 */
export function validateForm(
	values: ClientFormValues,
	rules: SharedRules | null
): ClientFormErrors {
	const unchecked = () => null;
	const redirectRule = rules
		? ( uri: string ) => redirectUriProblem( uri, rules.redirectUri )
		: unchecked;
	const name = values.name.trim();
	let nameProblem: ClientFormErrors[ 'name' ] = null;
	if ( name === '' ) {
		nameProblem = 'required';
	} else if ( rules && [ ...name ].length > rules.clientName.maxLength ) {
		nameProblem = 'too_long';
	}
	const grants = chosenGrantTypes( values );
	// Only the code flow sends people back to the application.
	const redirectRequired = grants.includes( 'authorization_code' );
	let redirectUris: ClientFormErrors[ 'redirectUris' ] = checkUriList(
		values.redirectUris,
		redirectRule
	);
	if ( splitUris( values.redirectUris ).length === 0 ) {
		redirectUris = redirectRequired ? 'required' : [];
	}
	return {
		name: nameProblem,
		redirectUris,
		grantTypes: grants.length === 0 ? 'required' : null,
		postLogoutRedirectUris: checkUriList(
			values.postLogoutRedirectUris,
			redirectRule
		),
		backchannelLogoutUri: rules
			? backchannelLogoutUriProblem(
					values.backchannelLogoutUri.trim(),
					rules.redirectUri
			  )
			: null,
		audiences: checkUriList(
			values.audiences,
			rules
				? ( uri: string ) => audienceProblem( uri, rules.audience )
				: unchecked
		),
	};
}

export function hasErrors( errors: ClientFormErrors ): boolean {
	return (
		errors.name !== null ||
		errors.redirectUris === 'required' ||
		errors.redirectUris.length > 0 ||
		errors.grantTypes !== null ||
		errors.postLogoutRedirectUris.length > 0 ||
		errors.backchannelLogoutUri !== null ||
		errors.audiences.length > 0
	);
}

/** Compares what would be sent, so reordering whitespace or blank lines is not a change. */
export function isDirty(
	saved: ClientFormValues,
	current: ClientFormValues
): boolean {
	const normalise = ( values: ClientFormValues ) => {
		const input = formToInput( values );
		return JSON.stringify( {
			...input,
			scopes: [ ...input.scopes ].sort(),
			allowed_roles: [ ...( input.allowed_roles ?? [] ) ].sort(),
		} );
	};
	return normalise( saved ) !== normalise( current );
}

export function readEditMode( search: string ): EditMode {
	const clientId = new URLSearchParams( search ).get( 'client_id' );
	return clientId ? { kind: 'edit', clientId } : { kind: 'add' };
}
