/**
 * The requests the benchmark sends, by the public contract only: the login form, the admin REST
 * API (to register a client) and the protocol endpoints.
 */
import { createHash } from 'node:crypto';
import type { LoadClient, RequestSpec, Sample } from './http';

export const BASE = '/wenisch-tech/keystone-oidc';
export const PATHS = {
	discovery: '/.well-known/openid-configuration',
	authorize: `${ BASE }/oauth/authorize`,
	token: `${ BASE }/oauth/token`,
	userinfo: `${ BASE }/oauth/userinfo`,
	jwks: `${ BASE }/oauth/jwks`,
};
export const REDIRECT_URI = 'http://127.0.0.1/bench/callback';
export const SCOPE = 'openid profile email offline_access';

// One verifier for every code: PKCE costs the token endpoint one SHA-256 whatever its value.
export const CODE_VERIFIER = 'bench-verifier-'.padEnd( 64, 'k' );
const CODE_CHALLENGE = createHash( 'sha256' )
	.update( CODE_VERIFIER )
	.digest( 'base64url' );

export interface Session {
	cookie: string;
	nonce: string;
}

export interface RegisteredClient {
	clientId: string;
	clientSecret: string;
	basic: string;
}

export class BenchError extends Error {}

function snippet( sample: Sample ): string {
	return `${ sample.status } ${ sample.body.slice( 0, 200 ) }`;
}

function cookiesFrom( sample: Sample ): string[] {
	const raw = sample.headers[ 'set-cookie' ] ?? [];
	return raw
		.map( ( line ) => line.split( ';' )[ 0 ] ?? '' )
		.filter(
			( pair ) => pair.includes( '=' ) && ! /=deleted$/.test( pair )
		);
}

export async function login(
	client: LoadClient,
	username: string,
	password: string
): Promise< Session > {
	const testCookie = 'wordpress_test_cookie=WP%20Cookie%20check';
	const form = new URLSearchParams( {
		log: username,
		pwd: password,
		'wp-submit': 'Log In',
		testcookie: '1',
	} ).toString();
	const answer = await client.request( {
		method: 'POST',
		path: '/wp-login.php',
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			Cookie: testCookie,
		},
		body: form,
	} );
	if ( answer.status !== 302 ) {
		throw new BenchError( `login failed: ${ snippet( answer ) }` );
	}
	const cookie = [ testCookie, ...cookiesFrom( answer ) ].join( '; ' );
	const nonce = await client.request( {
		method: 'GET',
		path: '/wp-admin/admin-ajax.php?action=rest-nonce',
		headers: { Cookie: cookie },
	} );
	if ( nonce.status !== 200 ) {
		throw new BenchError( `no REST nonce: ${ snippet( nonce ) }` );
	}
	return { cookie, nonce: nonce.body.trim() };
}

/**
 * Registers a confidential client for `REDIRECT_URI` that skips consent; `input` overrides any
 * `ClientInput` field.
 */
export async function registerClient(
	client: LoadClient,
	session: Session,
	input: Record< string, unknown > = {}
): Promise< RegisteredClient > {
	const answer = await client.request( {
		method: 'POST',
		path: '/wp-json/keystone-oidc/v1/clients',
		headers: {
			'Content-Type': 'application/json',
			Cookie: session.cookie,
			'X-WP-Nonce': session.nonce,
		},
		body: JSON.stringify( {
			name: 'Benchmark',
			redirect_uris: [ REDIRECT_URI ],
			scopes: SCOPE.split( ' ' ),
			type: 'confidential',
			skip_consent: true,
			// SCOPE asks for offline_access, which a trusted client gets without the consent page
			// only when the admin said so too.
			skip_consent_offline_access: true,
			...input,
		} ),
	} );
	if ( answer.status !== 201 ) {
		throw new BenchError(
			`client registration failed: ${ snippet( answer ) }`
		);
	}
	const body = JSON.parse( answer.body ) as {
		client_id?: string;
		client_secret?: string;
	};
	if ( ! body.client_id || ! body.client_secret ) {
		throw new BenchError( 'client registration returned no secret' );
	}
	const basic = Buffer.from(
		`${ encodeURIComponent( body.client_id ) }:${ encodeURIComponent(
			body.client_secret
		) }`
	).toString( 'base64' );
	return {
		clientId: body.client_id,
		clientSecret: body.client_secret,
		basic,
	};
}

export function authorizeRequest(
	rp: RegisteredClient,
	session: Session,
	i: number,
	extra: Record< string, string > = {}
): RequestSpec {
	const query = new URLSearchParams( {
		response_type: 'code',
		client_id: rp.clientId,
		redirect_uri: REDIRECT_URI,
		scope: SCOPE,
		state: `s${ i }`,
		nonce: `n${ i }`,
		code_challenge: CODE_CHALLENGE,
		code_challenge_method: 'S256',
		...extra,
	} );
	return {
		method: 'GET',
		path: `${ PATHS.authorize }?${ query.toString() }`,
		headers: { Cookie: session.cookie },
	};
}

/** The code in an authorization response, or why there is none. */
export function codeFrom( sample: Sample ): string {
	const location = sample.headers.location;
	if ( sample.status !== 302 || typeof location !== 'string' ) {
		throw new BenchError(
			`authorize did not redirect with a code: ${ snippet( sample ) }`
		);
	}
	const code = new URL( location, 'http://127.0.0.1' ).searchParams.get(
		'code'
	);
	if ( ! code ) {
		throw new BenchError(
			`authorize redirected without a code: ${ location }`
		);
	}
	return code;
}

function tokenRequest(
	rp: RegisteredClient,
	params: Record< string, string >
): RequestSpec {
	return {
		method: 'POST',
		path: PATHS.token,
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			Authorization: `Basic ${ rp.basic }`,
		},
		body: new URLSearchParams( params ).toString(),
	};
}

export function codeGrantRequest(
	rp: RegisteredClient,
	code: string
): RequestSpec {
	return tokenRequest( rp, {
		grant_type: 'authorization_code',
		code,
		redirect_uri: REDIRECT_URI,
		code_verifier: CODE_VERIFIER,
	} );
}

export function refreshGrantRequest(
	rp: RegisteredClient,
	refreshToken: string
): RequestSpec {
	return tokenRequest( rp, {
		grant_type: 'refresh_token',
		refresh_token: refreshToken,
	} );
}

export function userinfoRequest( accessToken: string ): RequestSpec {
	return {
		method: 'GET',
		path: PATHS.userinfo,
		headers: { Authorization: `Bearer ${ accessToken }` },
	};
}

export interface Tokens {
	access: string;
	refresh: string | null;
}

/** The tokens in a token response, or why there are none. */
export function tokensFrom( sample: Sample ): Tokens {
	if ( sample.status !== 200 ) {
		throw new BenchError( `token request failed: ${ snippet( sample ) }` );
	}
	const body = JSON.parse( sample.body ) as {
		access_token?: string;
		refresh_token?: string;
	};
	if ( ! body.access_token ) {
		throw new BenchError( `token response without access_token` );
	}
	return { access: body.access_token, refresh: body.refresh_token ?? null };
}
