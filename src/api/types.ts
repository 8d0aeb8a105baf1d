/**
 * Shapes of the admin REST API (`keystone-oidc/v1`), exactly as the public contract names them.
 */

export type ClientType = 'confidential' | 'public';

export type IdTokenAlg = 'RS256' | 'ES256';

export type GrantType =
	| 'authorization_code'
	| 'refresh_token'
	| 'client_credentials'
	| 'urn:ietf:params:oauth:grant-type:device_code';

export type TokenEndpointAuthMethod =
	| 'client_secret_basic'
	| 'client_secret_post'
	| 'client_secret_jwt'
	| 'private_key_jwt'
	| 'none';

/** The most a client's tokens may do with the WordPress REST API. */
export type RestAccess = 'none' | 'read' | 'write';

/** Who made a client: the admin, code (`wp-config.php` or a filter), or RFC 7591 registration. */
export type ClientSource = 'admin' | 'code' | 'dynamic';

/** A JWK Set of public keys, as RFC 7517 §5 shapes it. */
export interface JwkSet {
	keys: Array< Record< string, unknown > >;
}

export interface ClientInput {
	name: string;
	redirect_uris: string[];
	scopes: string[];
	type: ClientType;
	post_logout_redirect_uris?: string[];
	backchannel_logout_uri?: string;
	audiences?: string[];
	allowed_roles?: string[];
	skip_consent?: boolean;
	/** With `skip_consent`: `offline_access` is granted without asking the user too. */
	skip_consent_offline_access?: boolean;
	refresh_tokens?: boolean;
	id_token_signed_response_alg?: IdTokenAlg;
	/** Kept in step with `refresh_tokens` by the server. */
	grant_types?: GrantType[];
	token_endpoint_auth_method?: TokenEndpointAuthMethod;
	jwks?: JwkSet | null;
	jwks_uri?: string;
	rest_access?: RestAccess;
}

/** `GET /clients/{client_id}/keys`: the public keys this site knows for a `private_key_jwt` client. */
export interface ClientKeys {
	source: 'jwks' | 'jwks_uri' | 'none';
	/** ISO 8601: when the `jwks_uri` was last fetched; null for pasted keys. */
	fetched_at: string | null;
	keys: Array< {
		kid?: string;
		alg?: string;
		kty?: string;
		use?: string;
		crv?: string;
	} >;
}

export interface Client extends ClientInput {
	client_id: string;
	source?: ClientSource;
	/** ISO 8601. */
	created_at: string;
}

/**
 * The answer to a create, or to an update that turned a public client confidential: the only time
 * the secret is readable.
 */
export interface CreatedClient extends Client {
	client_secret?: string | null;
}

export interface SecretReset {
	client_id: string;
	client_secret: string;
}

/** One signing key as `/settings` describes it (unix times; never key material). */
export interface SigningKey {
	kid: string;
	alg: string;
	created_at: number;
	retired_at: number | null;
	expires_at: number | null;
}

/** `home`: the home URL is the issuer; `legacy`: the Keystone OIDC 2.x issuer (upgraded sites). */
export type IssuerMode = 'home' | 'legacy';

export interface Settings {
	issuer: string;
	issuer_mode: IssuerMode;
	/** The issuer each mode would use. */
	issuers: Record< IssuerMode, string >;
	discovery_url: string;
	endpoints: Record< string, string >;
	kid: string;
	version: string;
	pretty_permalinks: boolean;
	/** Added by the server beyond the contract's fields; may be missing on older versions. */
	keys?: SigningKey[];
	scopes_supported?: string[];
	dynamic_registration?: RegistrationPolicy;
	dynamic_client_idle_days?: number;
	dynamic_rest_access?: RestAccess;
	/** The settings an administrator changes on the Settings screen (issue 14). */
	lifetimes?: Lifetimes;
	default_allowed_roles?: string[];
	trust_email?: boolean;
	consent_remember_days?: number;
	key_rotation_days?: number;
}

/** Seconds. */
export interface Lifetimes {
	access: number;
	id: number;
	refresh: number;
	code: number;
}

/**
 * Dynamic client registration (RFC 7591): `off`; `loopback`, open to public native and loopback
 * clients only; `token`, with an initial access token the administrator created.
 */
export type RegistrationPolicy = 'off' | 'loopback' | 'token';

/** What `PUT /settings` accepts. */
export interface SettingsInput {
	issuer_mode?: IssuerMode;
	dynamic_registration?: RegistrationPolicy;
	dynamic_client_idle_days?: number;
	dynamic_rest_access?: RestAccess;
	lifetimes?: Partial< Lifetimes >;
	default_allowed_roles?: string[];
	trust_email?: boolean;
	consent_remember_days?: number;
	key_rotation_days?: number;
}

/** An initial access token as listed: never the token itself. Times are unix seconds. */
export interface RegistrationToken {
	id: string;
	created_at: number;
	last_used_at: number | null;
}

/** The answer that creates one: the token, shown once. */
export interface CreatedRegistrationToken {
	id: string;
	token: string;
}

/** How a dynamically registered client came to be. `registered_by` null: open registration. */
export interface Registration {
	client_id: string;
	registered_by: string | null;
	registered_at: number;
	last_used_at: number;
}

export interface KeyRotation {
	kid: string;
}

export interface TokensRevoked {
	revoked: number;
}

export interface ClientDeleted {
	deleted: boolean;
}

export type ClaimSource = 'meta' | 'roles';

/** One administrator-mapped claim, released only under `scope`. */
export interface ClaimMapping {
	claim: string;
	source: ClaimSource;
	/** Only for `source: 'meta'`. */
	meta_key?: string;
	scope: string;
}

/** `/claims`: the mappings, and the scopes a mapping may be tied to. */
export interface ClaimMap {
	mappings: ClaimMapping[];
	scopes: string[];
}

/** `POST /clients/{client_id}/test-sign-in`: where to send the administrator's browser. */
export interface TestSignInStart {
	authorize_url: string;
	redirect_uri: string;
	/** Unix time: the test session ends then. */
	expires_at: number;
}
