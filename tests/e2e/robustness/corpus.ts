/**
 * The bad-input corpus: for every endpoint in `ENDPOINTS`, malformed variants of one baseline
 * request, in every category of `CATEGORIES`. Pure: it only builds requests from the values it is
 * given (clients, cookies, nonces), so its coverage is unit-tested without a site.
 *
 * Adding an endpoint is one entry in `ENDPOINTS`: its path, what it serves, where its parameters
 * travel, and a baseline that is as valid as it can be while the server still refuses it (or only
 * reads), so that no request of the corpus may write anything.
 */

export const CATEGORIES = [
	'missing',
	'repeated',
	'array',
	'oversized',
	'invalid-utf8',
	'nul-byte',
	'method',
	'content-type',
	'injection',
	'forgery',
	'authorization',
	'path',
] as const;

export type Category = ( typeof CATEGORIES )[ number ];

/**
 * What the answers of an endpoint must look like:
 * - `document`: public JSON (discovery, JWKS); its errors are the back channel's.
 * - `back-channel`: every corpus request is refused with RFC-shaped JSON and `no-store`.
 * - `authorize`: a redirect only for a proven client and redirect URI, else an HTML 400 page.
 * - `admin-rest`: WordPress REST errors `{code, message, data: {status}}`.
 */
export type Surface = 'document' | 'back-channel' | 'authorize' | 'admin-rest';

export type Route = 'endpoint' | 'elsewhere' | 'either';

/** Where an endpoint reads its parameters. */
export type Carrier = 'query' | 'form' | 'json';

export interface CorpusContext {
	/** A confidential client and its registered redirect URI. */
	client: { id: string; secret: string; redirectUri: string };
	/** `Cookie` header of a signed-in subscriber. */
	userCookie: string;
	/** `Cookie` header and REST nonce of a signed-in administrator. */
	adminCookie: string;
	adminNonce: string;
	/** Name of the site's `wordpress_logged_in_*` cookie, to forge it. */
	loggedInCookieName: string;
	/** A pending consent request of the subscriber and its form nonce. */
	consent: { requestId: string; nonce: string };
}

export interface Baseline {
	method: string;
	/** Parameter values; for the `json` carrier any JSON value. */
	params: Record< string, unknown >;
	headers: Record< string, string >;
}

export interface EndpointSpec {
	name: string;
	/** Path relative to the home URL, starting with `/`. */
	path: string;
	surface: Surface;
	/** Methods the route serves; the corpus sends the others as wrong methods. */
	methods: readonly string[];
	carrier: Carrier;
	/** Parameters the endpoint reads, mutated one at a time. */
	params: readonly string[];
	/** `error` codes the endpoint may answer (back channel and documents). */
	errors?: readonly string[];
	/** A CSRF nonce the request carries, to forge. */
	nonce?: { in: 'param' | 'header'; name: string };
	baseline: ( ctx: CorpusContext ) => Baseline;
}

export interface CorpusRequest {
	endpoint: string;
	category: Category;
	label: string;
	method: string;
	/** Path and raw (already encoded) query, relative to the home URL. */
	target: string;
	headers: Record< string, string >;
	body?: string | Uint8Array;
	/**
	 * Which answer its path may get: the endpoint's own (`endpoint`), a 404 (`elsewhere`: another
	 * path, e.g. another case), or `either`, where WordPress's canonical redirect to the
	 * endpoint's exact path also counts (a doubled slash).
	 */
	route: Route;
	/** Authorization endpoint: client_id and redirect_uri are the registered pair. */
	proven: boolean;
}

const OAUTH_BASE = '/wenisch-tech/keystone-oidc/oauth';
const REST_BASE = '/wp-json/keystone-oidc/v1';

export const KB64 = 64 * 1024;
export const MB1 = 1024 * 1024;

/** RFC 6749 §5.2 (+ RFC 8707 `invalid_target`). */
const TOKEN_ERRORS = [
	'invalid_request',
	'invalid_client',
	'invalid_grant',
	'unauthorized_client',
	'unsupported_grant_type',
	'invalid_scope',
	'invalid_target',
];
/** RFC 6750 §3.1. */
const BEARER_ERRORS = [
	'invalid_request',
	'invalid_token',
	'insufficient_scope',
];
/** A document's only error is a refused method. */
const DOCUMENT_ERRORS = [ 'invalid_request' ];

const PKCE_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
/** Well-formed, never issued: the server must look it up and refuse it. */
const UNKNOWN_SECRET = 'bad-input-never-issued-0123456789abcdefghij';
const NO_SUCH_CLIENT = 'kc_bad_input_no_such_client';

const AUTHORIZE_PARAMS = [
	'client_id',
	'redirect_uri',
	'response_type',
	'scope',
	'state',
	'nonce',
	'code_challenge',
	'code_challenge_method',
	'prompt',
	'max_age',
];

function authorizeParams( ctx: CorpusContext ): Record< string, string > {
	return {
		client_id: ctx.client.id,
		redirect_uri: ctx.client.redirectUri,
		response_type: 'code',
		scope: 'openid profile',
		state: 'bad-input-state',
		nonce: 'bad-input-nonce',
		code_challenge: PKCE_CHALLENGE,
		code_challenge_method: 'S256',
		prompt: 'consent',
		max_age: '300',
	};
}

function rest( ctx: CorpusContext, method: string, nonce = ctx.adminNonce ) {
	return {
		method,
		headers: { Cookie: ctx.adminCookie, 'X-WP-Nonce': nonce },
	};
}

/** A client input that fails on `skip_consent`, a field the corpus does not mutate. */
function refusedClientInput( ctx: CorpusContext ): Record< string, unknown > {
	return {
		name: 'Bad input',
		redirect_uris: [ ctx.client.redirectUri ],
		type: 'confidential',
		scopes: [ 'openid', 'profile' ],
		skip_consent: 'sometimes',
	};
}

const discovery = ( name: string, path: string ): EndpointSpec => ( {
	name,
	path,
	surface: 'document',
	methods: [ 'GET', 'HEAD' ],
	carrier: 'query',
	params: [],
	errors: DOCUMENT_ERRORS,
	baseline: () => ( { method: 'GET', params: {}, headers: {} } ),
} );

export const ENDPOINTS: readonly EndpointSpec[] = [
	discovery( 'discovery', '/.well-known/openid-configuration' ),
	discovery(
		'discovery-local',
		'/wenisch-tech/keystone-oidc/.well-known/openid-configuration'
	),
	discovery( 'as-metadata', '/.well-known/oauth-authorization-server' ),
	discovery( 'jwks', `${ OAUTH_BASE }/jwks` ),
	discovery(
		'protected-resource',
		'/.well-known/oauth-protected-resource/wp-json'
	),
	{
		name: 'authorize',
		path: `${ OAUTH_BASE }/authorize`,
		surface: 'authorize',
		methods: [ 'GET', 'POST' ],
		carrier: 'query',
		params: AUTHORIZE_PARAMS,
		// Signed out: a proven request ends at wp-login.php or at the client, never on a
		// consent page (which would store a pending request).
		baseline: ( ctx ) => ( {
			method: 'GET',
			params: authorizeParams( ctx ),
			headers: {},
		} ),
	},
	{
		name: 'authorize-post',
		path: `${ OAUTH_BASE }/authorize`,
		surface: 'authorize',
		methods: [ 'GET', 'POST' ],
		carrier: 'form',
		params: [
			'client_id',
			'redirect_uri',
			'response_type',
			'scope',
			'state',
			'code_challenge',
		],
		baseline: ( ctx ) => ( {
			method: 'POST',
			params: authorizeParams( ctx ),
			headers: {},
		} ),
	},
	{
		name: 'consent-decision',
		path: `${ OAUTH_BASE }/authorize`,
		surface: 'authorize',
		methods: [ 'GET', 'POST' ],
		carrier: 'form',
		params: [ 'request_id', '_wpnonce', 'decision' ],
		nonce: { in: 'param', name: '_wpnonce' },
		// The subscriber's live request with its real nonce, and a decision that is neither
		// allow nor deny: refused before the pending request is taken.
		baseline: ( ctx ) => ( {
			method: 'POST',
			params: {
				request_id: ctx.consent.requestId,
				_wpnonce: ctx.consent.nonce,
				decision: 'maybe',
			},
			headers: { Cookie: ctx.userCookie },
		} ),
	},
	{
		name: 'token',
		path: `${ OAUTH_BASE }/token`,
		surface: 'back-channel',
		methods: [ 'POST' ],
		carrier: 'form',
		params: [
			'grant_type',
			'code',
			'redirect_uri',
			'code_verifier',
			'client_id',
			'client_secret',
			'scope',
			'resource',
		],
		errors: TOKEN_ERRORS,
		baseline: ( ctx ) => ( {
			method: 'POST',
			params: {
				grant_type: 'authorization_code',
				code: UNKNOWN_SECRET,
				redirect_uri: ctx.client.redirectUri,
				code_verifier: `${ UNKNOWN_SECRET }-verifier`,
				client_id: ctx.client.id,
				client_secret: ctx.client.secret,
			},
			headers: {},
		} ),
	},
	{
		name: 'token-refresh',
		path: `${ OAUTH_BASE }/token`,
		surface: 'back-channel',
		methods: [ 'POST' ],
		carrier: 'form',
		params: [ 'grant_type', 'refresh_token', 'scope' ],
		errors: TOKEN_ERRORS,
		baseline: ( ctx ) => ( {
			method: 'POST',
			params: {
				grant_type: 'refresh_token',
				refresh_token: UNKNOWN_SECRET,
				scope: 'openid',
			},
			headers: {
				Authorization: basic( ctx.client.id, ctx.client.secret ),
			},
		} ),
	},
	{
		name: 'userinfo',
		path: `${ OAUTH_BASE }/userinfo`,
		surface: 'back-channel',
		methods: [ 'GET', 'POST' ],
		carrier: 'query',
		params: [ 'access_token' ],
		errors: BEARER_ERRORS,
		baseline: () => ( {
			method: 'GET',
			params: {},
			headers: {
				Authorization: `Bearer ${ forgedJwt( {
					typ: 'at+jwt',
					alg: 'RS256',
				} ) }`,
			},
		} ),
	},
	{
		name: 'userinfo-post',
		path: `${ OAUTH_BASE }/userinfo`,
		surface: 'back-channel',
		methods: [ 'GET', 'POST' ],
		carrier: 'form',
		params: [ 'access_token' ],
		errors: BEARER_ERRORS,
		baseline: () => ( {
			method: 'POST',
			params: {
				access_token: forgedJwt( { typ: 'at+jwt', alg: 'RS256' } ),
			},
			headers: {},
		} ),
	},
	{
		// RFC 7591. Registration is off on the suite's site (the default), so the baseline is
		// refused by policy and every variant must stay refused, as JSON, storing nothing.
		name: 'registration',
		path: `${ OAUTH_BASE }/register`,
		surface: 'back-channel',
		methods: [ 'POST' ],
		carrier: 'json',
		params: [
			'client_name',
			'redirect_uris',
			'grant_types',
			'response_types',
			'token_endpoint_auth_method',
			'scope',
		],
		errors: [
			'invalid_request',
			'access_denied',
			'invalid_token',
			'invalid_client_metadata',
			'invalid_redirect_uri',
		],
		baseline: ( ctx ) => ( {
			method: 'POST',
			params: {
				client_name: 'Bad input',
				redirect_uris: [ ctx.client.redirectUri ],
				grant_types: [ 'authorization_code' ],
				response_types: [ 'code' ],
				token_endpoint_auth_method: 'none',
				scope: 'openid',
			},
			headers: {},
		} ),
	},
	{
		// RFC 7009 answers 200 even for an unknown token, so the baseline is refused for its
		// client authentication (a wrong secret) and every variant must stay refused.
		name: 'revoke',
		path: `${ OAUTH_BASE }/revoke`,
		surface: 'back-channel',
		methods: [ 'POST' ],
		carrier: 'form',
		params: [ 'token', 'token_type_hint', 'client_id', 'client_secret' ],
		errors: [ 'invalid_request', 'invalid_client' ],
		baseline: ( ctx ) => ( {
			method: 'POST',
			params: {
				token: UNKNOWN_SECRET,
				token_type_hint: 'refresh_token',
				client_id: ctx.client.id,
				client_secret: `${ ctx.client.secret }-wrong`,
			},
			headers: {},
		} ),
	},
	{
		// RFC 7009 answers 200 even for an unknown token, so the baseline is refused for its
		// client authentication (a wrong secret) and every variant must stay refused.
		name: 'introspect',
		path: `${ OAUTH_BASE }/introspect`,
		surface: 'back-channel',
		methods: [ 'POST' ],
		carrier: 'form',
		params: [ 'token', 'token_type_hint', 'client_id', 'client_secret' ],
		errors: [ 'invalid_request', 'invalid_client' ],
		baseline: ( ctx ) => ( {
			method: 'POST',
			params: {
				token: UNKNOWN_SECRET,
				token_type_hint: 'refresh_token',
				client_id: ctx.client.id,
				client_secret: `${ ctx.client.secret }-wrong`,
			},
			headers: {},
		} ),
	},
	{
		name: 'rest-clients-list',
		path: `${ REST_BASE }/clients`,
		surface: 'admin-rest',
		methods: [ 'GET', 'POST' ],
		carrier: 'query',
		params: [ '_fields', 'context', '_envelope' ],
		baseline: ( ctx ) => ( { ...rest( ctx, 'GET' ), params: {} } ),
	},
	{
		name: 'rest-clients-create',
		path: `${ REST_BASE }/clients`,
		surface: 'admin-rest',
		methods: [ 'GET', 'POST' ],
		carrier: 'json',
		params: [ 'name', 'redirect_uris', 'type', 'scopes' ],
		nonce: { in: 'header', name: 'X-WP-Nonce' },
		baseline: ( ctx ) => ( {
			...rest( ctx, 'POST' ),
			params: refusedClientInput( ctx ),
		} ),
	},
	{
		name: 'rest-client-update',
		path: `${ REST_BASE }/clients/{client}`,
		surface: 'admin-rest',
		// DELETE is served: never sent to a real client by the corpus.
		methods: [ 'GET', 'PUT', 'PATCH', 'DELETE' ],
		carrier: 'json',
		params: [ 'name', 'redirect_uris', 'type', 'allowed_roles' ],
		nonce: { in: 'header', name: 'X-WP-Nonce' },
		// PUT: an empty PATCH is a valid request that changes nothing.
		baseline: ( ctx ) => ( {
			...rest( ctx, 'PUT' ),
			params: refusedClientInput( ctx ),
		} ),
	},
	{
		name: 'rest-client-unknown',
		path: `${ REST_BASE }/clients/${ NO_SUCH_CLIENT }`,
		surface: 'admin-rest',
		methods: [ 'GET', 'PUT', 'PATCH', 'DELETE' ],
		carrier: 'query',
		params: [ '_fields', 'force' ],
		nonce: { in: 'header', name: 'X-WP-Nonce' },
		baseline: ( ctx ) => ( { ...rest( ctx, 'DELETE' ), params: {} } ),
	},
	{
		name: 'rest-client-secret',
		path: `${ REST_BASE }/clients/${ NO_SUCH_CLIENT }/secret`,
		surface: 'admin-rest',
		methods: [ 'POST' ],
		carrier: 'json',
		params: [ 'client_id' ],
		nonce: { in: 'header', name: 'X-WP-Nonce' },
		baseline: ( ctx ) => ( { ...rest( ctx, 'POST' ), params: {} } ),
	},
	{
		name: 'rest-settings',
		path: `${ REST_BASE }/settings`,
		surface: 'admin-rest',
		methods: [ 'GET', 'POST', 'PUT', 'PATCH' ],
		carrier: 'query',
		params: [ '_fields', 'context' ],
		baseline: ( ctx ) => ( { ...rest( ctx, 'GET' ), params: {} } ),
	},
	{
		name: 'rest-settings-update',
		path: `${ REST_BASE }/settings`,
		surface: 'admin-rest',
		methods: [ 'GET', 'POST', 'PUT', 'PATCH' ],
		carrier: 'json',
		params: [ 'issuer_mode' ],
		nonce: { in: 'header', name: 'X-WP-Nonce' },
		// Refused whatever issuer_mode becomes: trust_email must be a boolean (and an empty change
		// is refused too), and a body with one wrong field saves none, so nothing here is stored.
		baseline: ( ctx ) => ( {
			...rest( ctx, 'PUT' ),
			params: { issuer_mode: 'home', trust_email: 'sometimes' },
		} ),
	},
	{
		name: 'rest-keys-rotate',
		path: `${ REST_BASE }/keys/rotate`,
		surface: 'admin-rest',
		methods: [ 'POST' ],
		carrier: 'json',
		params: [ 'alg' ],
		nonce: { in: 'header', name: 'X-WP-Nonce' },
		// Rotating is what a valid request does, so every request here carries a stale nonce.
		baseline: ( ctx ) => ( {
			...rest( ctx, 'POST', 'a0b1c2d3e4' ),
			params: {},
		} ),
	},
	{
		name: 'rest-tokens-revoke-all',
		path: `${ REST_BASE }/tokens/revoke-all`,
		surface: 'admin-rest',
		methods: [ 'POST' ],
		carrier: 'json',
		params: [ 'client_id' ],
		nonce: { in: 'header', name: 'X-WP-Nonce' },
		baseline: ( ctx ) => ( {
			...rest( ctx, 'POST', 'a0b1c2d3e4' ),
			params: {},
		} ),
	},
];

/** Mutated when an endpoint reads no parameter at all: it must ignore what it does not read. */
const UNREAD_PARAM = 'unexpected';

const INJECTIONS: ReadonlyArray< [ string, string ] > = [
	[ 'SQL', "' OR 1=1 --" ],
	[ 'SQL union', '" UNION SELECT user_pass FROM wp_users -- ' ],
	[ 'script', '<script>alert(1)</script>' ],
	[ 'attribute breakout', '"><svg onload=alert(1)>' ],
];

/** Markers that must never come back unescaped in an HTML answer. */
export const REFLECTION_MARKERS = [
	'<script>alert(1)',
	'<svg onload=alert(1)',
];

const METHODS = [ 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS' ];

export function basic( id: string, secret: string ): string {
	return `Basic ${ Buffer.from( `${ id }:${ secret }` ).toString(
		'base64'
	) }`;
}

function base64url( text: string ): string {
	return Buffer.from( text ).toString( 'base64url' );
}

/** A compact JWS with the given header, a plausible payload and a signature that is not one. */
export function forgedJwt( header: Record< string, unknown > ): string {
	const payload = {
		iss: 'https://bad-input.example',
		sub: '1',
		jti: 'bad-input',
		client_id: 'bad-input',
		exp: 4102444800,
	};
	return [
		base64url( JSON.stringify( header ) ),
		base64url( JSON.stringify( payload ) ),
		base64url( 'not-a-signature' ),
	].join( '.' );
}

function filler( length: number ): string {
	return 'a'.repeat( length );
}

/**
 * One parameter as it travels. Query and form values are already percent-encoded, so a variant
 * can carry bytes no encoder would produce (`%ff`); JSON values are any JSON value, or `rawJson`
 * for member text JSON.stringify cannot write.
 */
interface Member {
	name: string;
	value: unknown;
	rawJson?: string;
}

interface Variant {
	category: Category;
	label: string;
	members: Member[];
	/** JSON only: member bytes that are not UTF-8, appended to the object as they are. */
	rawBytes?: Uint8Array;
}

/** What a variant changes besides the parameters; an `undefined` header is removed. */
interface Shape {
	method?: string;
	target?: string;
	headers?: Record< string, string | undefined >;
	body?: string | Uint8Array | null;
	route?: Route;
}

function members(
	spec: EndpointSpec,
	params: Record< string, unknown >
): Member[] {
	return Object.entries( params ).map( ( [ name, value ] ) => ( {
		name,
		value:
			spec.carrier === 'json'
				? value
				: encodeURIComponent( String( value ) ),
	} ) );
}

function encodePairs( list: Member[] ): string {
	return list
		.map(
			( member ) =>
				`${ encodeURIComponent( member.name )
					.replace( /%5B/g, '[' )
					.replace( /%5D/g, ']' ) }=${ String( member.value ) }`
		)
		.join( '&' );
}

function encodeJson( list: Member[] ): string {
	const parts = list.map(
		( member ) =>
			member.rawJson ??
			`${ JSON.stringify( member.name ) }:${ JSON.stringify(
				member.value
			) }`
	);
	return `{${ parts.join( ',' ) }}`;
}

function decoded( text: unknown ): string {
	if ( typeof text !== 'string' ) {
		return JSON.stringify( text );
	}
	try {
		return decodeURIComponent( text );
	} catch {
		return text;
	}
}

function replace( list: Member[], name: string, by: Member[] ): Member[] {
	const index = list.findIndex( ( member ) => member.name === name );
	if ( index < 0 ) {
		return [ ...list, ...by ];
	}
	return [ ...list.slice( 0, index ), ...by, ...list.slice( index + 1 ) ];
}

/**
 * Every parameter category for one parameter, in the endpoint's carrier.
 */
function parameterVariants(
	spec: EndpointSpec,
	base: Member[],
	name: string
): Variant[] {
	const json = spec.carrier === 'json';
	const present = base.find( ( member ) => member.name === name );
	const sample = present?.value ?? 'x';
	const text = ( value: string ): unknown =>
		json ? value : encodeURIComponent( value );
	const variants: Variant[] = [];
	const add = (
		category: Category,
		label: string,
		list: Member[],
		rawBytes?: Uint8Array
	): void => {
		variants.push( {
			category,
			label: `${ name }: ${ label }`,
			members: list,
			...( rawBytes ? { rawBytes } : {} ),
		} );
	};
	const set = ( ...by: Member[] ): Member[] => replace( base, name, by );

	if ( present ) {
		add(
			'missing',
			'absent',
			base.filter( ( member ) => member !== present )
		);
	}
	add( 'missing', 'empty', set( { name, value: '' } ) );

	if ( json ) {
		add(
			'repeated',
			'twice in the JSON text',
			set(
				{ name, value: sample },
				{
					name,
					value: '',
					rawJson: `${ JSON.stringify( name ) }:"other"`,
				}
			)
		);
	} else {
		add(
			'repeated',
			'twice, different values',
			set( { name, value: sample }, { name, value: 'other' } )
		);
		add(
			'repeated',
			'twice, same value',
			set( { name, value: sample }, { name, value: sample } )
		);
	}

	if ( json ) {
		add( 'array', 'a list', set( { name, value: [ sample ] } ) );
		add( 'array', 'an object', set( { name, value: { b: sample } } ) );
		add( 'array', 'a number', set( { name, value: 12345 } ) );
	} else {
		add(
			'array',
			`${ name }[]=`,
			set( { name: `${ name }[]`, value: sample } )
		);
		add(
			'array',
			`${ name }[b]=`,
			set( { name: `${ name }[b]`, value: sample } )
		);
		add(
			'array',
			`both ${ name } and ${ name }[]`,
			set(
				{ name, value: sample },
				{ name: `${ name }[]`, value: sample }
			)
		);
	}

	add( 'oversized', '64 KB', set( { name, value: text( filler( KB64 ) ) } ) );

	if ( json ) {
		add(
			'invalid-utf8',
			'raw 0xff 0xfe bytes',
			base.filter( ( member ) => member.name !== name ),
			Uint8Array.from( [
				...Buffer.from( `${ JSON.stringify( name ) }:"a` ),
				0xff,
				0xfe,
				...Buffer.from( '"' ),
			] )
		);
		add(
			'invalid-utf8',
			'a lone surrogate escape',
			set( {
				name,
				value: '',
				rawJson: `${ JSON.stringify( name ) }:"\\udcff"`,
			} )
		);
		add( 'nul-byte', '\\u0000 inside', set( { name, value: 'a\u0000b' } ) );
		add(
			'nul-byte',
			'control characters',
			set( { name, value: '\u0001\u001b\u007f' } )
		);
	} else {
		add( 'invalid-utf8', '%ff%fe', set( { name, value: '%ff%fe' } ) );
		add(
			'invalid-utf8',
			'an overlong %c0%af',
			set( { name, value: `${ String( sample ) }%c0%af` } )
		);
		add(
			'nul-byte',
			'%00 inside',
			set( { name, value: `${ String( sample ) }%00x` } )
		);
		add(
			'nul-byte',
			'control characters',
			set( { name, value: '%01%1b%7f' } )
		);
	}

	for ( const [ label, value ] of INJECTIONS ) {
		add( 'injection', label, set( { name, value: text( value ) } ) );
	}
	return variants;
}

/** The endpoint's path with its placeholders filled in. */
export function resolvePath( spec: EndpointSpec, ctx: CorpusContext ): string {
	return spec.path.replace( '{client}', encodeURIComponent( ctx.client.id ) );
}

/** Exactly one client_id and one redirect_uri, both the registered ones, as plain strings. */
function isProven( list: Member[], ctx: CorpusContext ): boolean {
	const named = ( name: string ): Member[] =>
		list.filter(
			( member ) =>
				member.name === name || member.name.startsWith( `${ name }[` )
		);
	const ids = named( 'client_id' );
	const uris = named( 'redirect_uri' );
	return (
		ids.length === 1 &&
		uris.length === 1 &&
		ids[ 0 ]?.name === 'client_id' &&
		uris[ 0 ]?.name === 'redirect_uri' &&
		ids[ 0 ]?.value === encodeURIComponent( ctx.client.id ) &&
		uris[ 0 ]?.value === encodeURIComponent( ctx.client.redirectUri )
	);
}

const CONTENT_TYPES: Record< Carrier, string | undefined > = {
	query: undefined,
	form: 'application/x-www-form-urlencoded',
	json: 'application/json',
};

function bodyOf(
	spec: EndpointSpec,
	list: Member[],
	rawBytes?: Uint8Array
): string | Uint8Array {
	if ( spec.carrier !== 'json' ) {
		return encodePairs( list );
	}
	const text = encodeJson( list );
	if ( ! rawBytes ) {
		return text;
	}
	const head = Buffer.from( list.length ? `${ text.slice( 0, -1 ) },` : '{' );
	return Uint8Array.from( [ ...head, ...rawBytes, ...Buffer.from( '}' ) ] );
}

function build(
	spec: EndpointSpec,
	ctx: CorpusContext,
	base: Baseline,
	variant: Variant,
	shape: Shape = {}
): CorpusRequest {
	const path = resolvePath( spec, ctx );
	const headers: Record< string, string | undefined > = { ...base.headers };
	let target = path;
	let body: string | Uint8Array | undefined;
	if ( spec.carrier === 'query' ) {
		const query = encodePairs( variant.members );
		target = query ? `${ path }?${ query }` : path;
	} else {
		body = bodyOf( spec, variant.members, variant.rawBytes );
		headers[ 'Content-Type' ] = CONTENT_TYPES[ spec.carrier ];
	}
	Object.assign( headers, shape.headers ?? {} );
	if ( shape.body !== undefined ) {
		body = shape.body ?? undefined;
	}
	const method = shape.method ?? base.method;
	if ( method === 'GET' || method === 'HEAD' ) {
		body = undefined;
	}
	const sent: Record< string, string > = {};
	for ( const [ name, value ] of Object.entries( headers ) ) {
		if ( value !== undefined ) {
			sent[ name ] = value;
		}
	}
	return {
		endpoint: spec.name,
		category: variant.category,
		label: variant.label,
		method,
		target: shape.target ?? target,
		headers: sent,
		...( body === undefined ? {} : { body } ),
		route: shape.route ?? 'endpoint',
		proven:
			spec.surface === 'authorize' && isProven( variant.members, ctx ),
	};
}

function multipart( list: Member[] ): { type: string; body: string } {
	const boundary = 'bad-input-boundary-7d1f';
	const parts = list.map(
		( member ) =>
			`--${ boundary }\r\nContent-Disposition: form-data; name="${
				member.name
			}"\r\n\r\n${ decoded( member.value ) }\r\n`
	);
	return {
		type: `multipart/form-data; boundary=${ boundary }`,
		body: `${ parts.join( '' ) }--${ boundary }--\r\n`,
	};
}

function authorizationHeaders(): Array< [ string, string ] > {
	const b64 = ( bytes: string | number[] ): string =>
		Buffer.from( bytes as string ).toString( 'base64' );
	return [
		[ 'Basic without credentials', 'Basic' ],
		[ 'Basic without a colon', `Basic ${ b64( 'nocolon' ) }` ],
		[ 'Basic with an empty client id', `Basic ${ b64( ':secret' ) }` ],
		[ 'Basic that is not base64', 'Basic !!!not*base64$$$' ],
		[
			'Basic of invalid UTF-8',
			`Basic ${ b64( [ 0xff, 0xfe, 0x3a, 0xff ] ) }`,
		],
		[ 'Basic of percent-encoded junk', `Basic ${ b64( '%ff%fe:%00' ) }` ],
		[ 'Basic, 64 KB', `Basic ${ filler( KB64 ) }` ],
		[ 'Bearer without a token', 'Bearer' ],
		[ 'Bearer with junk', 'Bearer !!junk "quoted" <token>' ],
		[ 'Bearer of empty segments', 'Bearer ..' ],
		[
			'Bearer with a header that is not JSON',
			`Bearer ${ base64url( 'not json' ) }.e30.AAAA`,
		],
		[
			'Bearer with a list as header',
			`Bearer ${ base64url( '[1,2]' ) }.e30.AAAA`,
		],
		[
			'Bearer with a list as kid',
			`Bearer ${ forgedJwt( {
				typ: 'at+jwt',
				alg: 'RS256',
				kid: [ 'x' ],
			} ) }`,
		],
		[
			'Bearer with an object as typ',
			`Bearer ${ forgedJwt( { typ: { a: 1 }, alg: 'RS256' } ) }`,
		],
		[
			'Bearer with alg none',
			`Bearer ${ forgedJwt( { typ: 'at+jwt', alg: 'none' } ) }`,
		],
		[
			'Bearer with a deeply nested header',
			`Bearer ${ base64url(
				`${ '{"a":'.repeat( 200 ) }1${ '}'.repeat( 200 ) }`
			) }.e30.AAAA`,
		],
		[ 'Bearer, 64 KB', `Bearer ${ filler( KB64 ) }` ],
		[ 'two schemes', `Basic ${ b64( 'a:b' ) }, Bearer abc` ],
		[ 'two schemes, Bearer first', 'Bearer abc Basic YTpi' ],
		[
			'an unknown scheme',
			'Digest username="admin", realm="x", nonce="x", response="x"',
		],
	];
}

function forgedCookies( ctx: CorpusContext ): Array< [ string, string ] > {
	const name = ctx.loggedInCookieName;
	return [
		[
			'a logged-in cookie with a forged hash',
			`${ name }=admin%7C4102444800%7Cforgedtoken%7Cdeadbeef`,
		],
		[ 'a logged-in cookie of garbage', `${ name }=%ff%fe%00garbage` ],
		[
			'a logged-in cookie with too many fields',
			`${ name }=${ 'a%7C'.repeat( 50 ) }`,
		],
		[ 'a logged-in cookie, 8 KB', `${ name }=${ filler( 8 * 1024 ) }` ],
		[
			'a logged-in cookie under a guessed name',
			'wordpress_logged_in_0=admin%7C4102444800%7Cx%7Cx',
		],
	];
}

/**
 * Forged nonces. "Another action's nonce" is a real nonce, so it must never be one the endpoint
 * accepts: the REST routes get the consent form's, the consent form gets the REST nonce.
 */
function forgedNonces(
	spec: EndpointSpec,
	ctx: CorpusContext
): Array< [ string, string ] > {
	const other =
		spec.nonce?.in === 'header' ? ctx.consent.nonce : ctx.adminNonce;
	return [
		[ 'a made-up nonce', '0123456789' ],
		[ 'an empty nonce', '' ],
		[ "another action's nonce", other ],
		[ 'a nonce of invalid UTF-8', '%ff%fe' ],
	];
}

/**
 * Path variants and the answer each may get. Trailing slashes reach the endpoint (the contract);
 * a doubled slash inside is another path that WordPress may answer itself or redirect to the
 * canonical one; another case is another path, except in the REST API, whose routes WordPress
 * matches case-insensitively. Dot segments are not sent: every client's URL parser removes them.
 */
function pathVariants(
	spec: EndpointSpec,
	path: string
): Array< [ string, string, Route ] > {
	const inner = path.indexOf( '/', 1 );
	return [
		[ 'a trailing slash', `${ path }/`, 'endpoint' ],
		[ 'two trailing slashes', `${ path }//`, 'endpoint' ],
		[ 'a leading double slash', `/${ path }`, 'either' ],
		[
			'a double slash inside',
			`${ path.slice( 0, inner ) }/${ path.slice( inner ) }`,
			'either',
		],
		[
			'the last segment upper-case',
			path.replace( /[^/]+$/, ( last ) => last.toUpperCase() ),
			spec.surface === 'admin-rest' ? 'endpoint' : 'elsewhere',
		],
	];
}

/**
 * The corpus of one endpoint.
 */
export function corpusFor(
	spec: EndpointSpec,
	ctx: CorpusContext
): CorpusRequest[] {
	const base = spec.baseline( ctx );
	const list = members( spec, base.params );
	const path = resolvePath( spec, ctx );
	const requests: CorpusRequest[] = [];
	const whole = ( category: Category, label: string ): Variant => ( {
		category,
		label,
		members: list,
	} );
	const add = ( variant: Variant, shape: Shape = {} ): void => {
		requests.push( build( spec, ctx, base, variant, shape ) );
	};

	for ( const name of spec.params.length ? spec.params : [ UNREAD_PARAM ] ) {
		for ( const variant of parameterVariants( spec, list, name ) ) {
			add( variant );
		}
	}

	add( { category: 'missing', label: 'no parameters at all', members: [] } );
	add( whole( 'missing', 'a query of bare separators' ), {
		target: `${ path }?&&=&=x&`,
	} );

	const bodyMethod = spec.methods.includes( 'POST' ) ? 'POST' : base.method;
	const many = [
		...list,
		...Array.from( { length: 200 }, ( _, index ) => ( {
			name: `p${ index }`,
			value: 'x',
		} ) ),
	];
	add( whole( 'oversized', '200 parameters' ), {
		...( spec.carrier === 'query'
			? { target: `${ path }?${ encodePairs( many ) }` }
			: { body: bodyOf( spec, many ) } ),
	} );
	add( whole( 'oversized', 'a 1 MB body' ), {
		method: spec.carrier === 'query' ? 'POST' : base.method,
		headers: {
			'Content-Type':
				spec.carrier === 'json'
					? 'application/json'
					: 'application/x-www-form-urlencoded',
		},
		body:
			spec.carrier === 'json'
				? `{"name":"${ filler( MB1 ) }"}`
				: `${ encodePairs( list ) }&filler=${ filler( MB1 ) }`,
	} );
	const deepJson = 10_000;
	// PHP's own limit (max_input_nesting_level, 64): deeper, PHP warns at request startup,
	// before any WordPress code runs.
	const deepName = 60;
	if ( spec.carrier === 'json' ) {
		add( whole( 'oversized', `JSON nested ${ deepJson } deep` ), {
			body: `{"name":${ '['.repeat( deepJson ) }${ ']'.repeat(
				deepJson
			) }}`,
		} );
	} else {
		const nested = [
			...list,
			{ name: `nested${ '[a]'.repeat( deepName ) }`, value: 'x' },
		];
		add(
			whole( 'oversized', `a parameter name nested ${ deepName } deep` ),
			spec.carrier === 'query'
				? { target: `${ path }?${ encodePairs( nested ) }` }
				: { body: encodePairs( nested ) }
		);
	}

	for ( const method of METHODS.filter(
		( candidate ) => ! spec.methods.includes( candidate )
	) ) {
		add( whole( 'method', method ), { method } );
	}

	const form = encodePairs(
		list.map( ( member ) => ( {
			name: member.name,
			value:
				spec.carrier === 'json'
					? encodeURIComponent( decoded( member.value ) )
					: member.value,
		} ) )
	);
	const json = JSON.stringify(
		Object.fromEntries(
			list.map( ( member ) => [
				member.name,
				spec.carrier === 'json'
					? member.value
					: decoded( member.value ),
			] )
		)
	);
	const parts = multipart( list );
	const bodies: Array< [ string, string | undefined, string ] > = [
		[ 'a JSON body', 'application/json', json ],
		[ 'a form body', 'application/x-www-form-urlencoded', form ],
		[ 'a multipart body', parts.type, parts.body ],
		[ 'a form body as text/plain', 'text/plain', form ],
		[ 'a form body without a content type', undefined, form ],
		[
			'a form content type with a charset of junk',
			'application/x-www-form-urlencoded; charset=%ff%fe',
			form,
		],
		[
			'a JSON content type on broken JSON',
			'application/json',
			'{"name":',
		],
	];
	for ( const [ label, type, body ] of bodies ) {
		const own = CONTENT_TYPES[ spec.carrier ];
		if ( own !== undefined && type === own && body !== '{"name":' ) {
			continue;
		}
		// An endpoint that takes no body is sent the content type on its own method, bodiless.
		add( whole( 'content-type', label ), {
			method: bodyMethod,
			headers: { 'Content-Type': type },
			body: bodyMethod === 'GET' || bodyMethod === 'HEAD' ? null : body,
		} );
	}

	for ( const [ label, cookie ] of forgedCookies( ctx ) ) {
		add( whole( 'forgery', label ), { headers: { Cookie: cookie } } );
	}
	if ( spec.nonce ) {
		const nonce = spec.nonce;
		for ( const [ label, forged ] of forgedNonces( spec, ctx ) ) {
			if ( nonce.in === 'header' ) {
				add( whole( 'forgery', label ), {
					headers: { [ nonce.name ]: forged },
				} );
				continue;
			}
			const value = /%[0-9a-f]{2}/i.test( forged )
				? forged
				: encodeURIComponent( forged );
			add( {
				category: 'forgery',
				label,
				members: replace( list, nonce.name, [
					{ name: nonce.name, value },
				] ),
			} );
		}
	}

	for ( const [ label, value ] of authorizationHeaders() ) {
		add( whole( 'authorization', label ), {
			headers: { Authorization: value },
		} );
	}

	for ( const [ label, variantPath, route ] of pathVariants( spec, path ) ) {
		const plain = build( spec, ctx, base, whole( 'path', label ) );
		const query = plain.target.slice( path.length );
		requests.push( {
			...plain,
			target: `${ variantPath }${ query }`,
			route,
		} );
	}
	return requests;
}

export function corpus(
	ctx: CorpusContext,
	endpoints: readonly EndpointSpec[] = ENDPOINTS
): CorpusRequest[] {
	return endpoints.flatMap( ( spec ) => corpusFor( spec, ctx ) );
}
