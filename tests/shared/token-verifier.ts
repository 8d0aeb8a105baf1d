/**
 * The one verifier of every token a suite receives (e2e, interop, reliability, hosts, Playground):
 * `jose`, an implementation that is not ours, checks the signature against the published JWKS with
 * an explicit algorithm allow-list, the header `typ`, `iss`, the exact `aud` and the lifetimes;
 * then each claim the contract promises for that kind of token is checked here. Two independent
 * implementations must agree, so nothing here trusts a claim it has not checked.
 *
 * What the provider issues (includes/Tokens/Token_Issuer.php, Logout_Token.php):
 * - ID token: `typ` JWT, the client's algorithm (RS256 or ES256); `aud` and `azp` the client;
 *   `at_hash`; `nonce` exactly when the authorization request sent one (never after a refresh);
 *   `auth_time` when WordPress knows the login time; `sid` when the sign-in had a session.
 * - Access token (RFC 9068): `typ` at+jwt, RS256 always; `aud` the client, or the resources named;
 *   `client_id`, `scope`, a random `jti`.
 * - Logout token (Back-Channel Logout 1.0 §2.4): `typ` logout+jwt, the client's algorithm, `aud`
 *   the client, `sub`, `sid`, the back-channel event, a `jti`, no `nonce`, two minutes of life.
 */
import { createHash } from 'node:crypto';
import { expect } from '@playwright/test';
import {
	createLocalJWKSet,
	decodeProtectedHeader,
	jwtVerify,
	type JSONWebKeySet,
	type JWTPayload,
} from 'jose';

export const ID_TOKEN_LIFETIME = 3600;
export const ACCESS_TOKEN_LIFETIME = 3600;
export const LOGOUT_TOKEN_LIFETIME = 120;
export const BACKCHANNEL_EVENT =
	'http://schemas.openid.net/event/backchannel-logout';

/** How far `iat` may lie from this machine's clock: the provider runs on the same host. */
const CLOCK_TOLERANCE = 60;

export type SigningAlgorithm = 'RS256' | 'ES256';

export type Claims = JWTPayload & Record< string, unknown >;

/**
 * The provider as a relying party knows it: its issuer and its published keys. `jwks` is read
 * again for every token (a key that vanished from the JWKS must fail the token) unless the caller
 * holds a key set it fetched itself, as the load tests do to keep their request counts honest.
 */
export interface TokenProvider {
	issuer: string;
	jwks: JSONWebKeySet | ( () => Promise< JSONWebKeySet > );
}

/** The key set at `uri`, read with a plain GET as a relying party would. */
export async function fetchJwks( uri: string ): Promise< JSONWebKeySet > {
	const response = await fetch( uri );
	expect( response.status, `GET ${ uri }` ).toBe( 200 );
	const body = ( await response.json() ) as JSONWebKeySet;
	expect( Array.isArray( body.keys ), 'the JWKS has a keys array' ).toBe(
		true
	);
	return body;
}

/** A provider whose keys are read from its `jwks_uri` for each token. */
export function remoteProvider(
	issuer: string,
	jwksUri: string
): TokenProvider {
	return { issuer, jwks: () => fetchJwks( jwksUri ) };
}

/**
 * `at_hash`: the left half of the SHA-256 of the access token's ASCII octets, base64url (OIDC Core
 * §3.1.3.6). RS256 and ES256 both hash with SHA-256.
 */
export function atHash( accessToken: string ): string {
	const digest = createHash( 'sha256' )
		.update( accessToken, 'ascii' )
		.digest();
	return digest.subarray( 0, digest.length / 2 ).toString( 'base64url' );
}

export function scopeSet( scope: string | undefined ): string[] {
	return ( scope ?? '' ).split( ' ' ).filter( Boolean ).sort();
}

interface JwtRules {
	typ: string;
	algorithms: SigningAlgorithm[];
	audience: string | string[];
	lifetime: number;
}

export interface VerifiedJwt {
	payload: Claims;
	kid: string;
	alg: string;
}

/**
 * Signature, header and the registered claims every token of the provider carries. `jose` throws
 * its own errors (`JOSEAlgNotAllowed`, `JWTClaimValidationFailed`, `JWKSNoMatchingKey`, …) for what
 * it checks, so a caller can assert which rule a bad token broke.
 */
async function verifyJwt(
	token: string,
	provider: TokenProvider,
	rules: JwtRules
): Promise< VerifiedJwt > {
	const jwks =
		typeof provider.jwks === 'function'
			? await provider.jwks()
			: provider.jwks;
	const { payload, protectedHeader } = await jwtVerify(
		token,
		createLocalJWKSet( jwks ),
		{
			algorithms: rules.algorithms,
			typ: rules.typ,
			issuer: provider.issuer,
			audience: rules.audience,
			requiredClaims: [ 'iss', 'sub', 'aud', 'iat', 'exp' ],
		}
	);
	// jose reads `typ` case-insensitively and with or without `application/`; the provider
	// writes it one way.
	expect( protectedHeader.typ, 'typ' ).toBe( rules.typ );
	expect( typeof protectedHeader.kid, 'kid in the header' ).toBe( 'string' );
	const kid = protectedHeader.kid as string;
	expect(
		jwks.keys.map( ( key ) => key.kid ),
		'the kid is published in the JWKS'
	).toContain( kid );
	expect( payload.iss ).toBe( provider.issuer );
	// Exact, not "contains": a token for more audiences than promised is a defect too.
	expect( payload.aud, 'aud' ).toEqual( rules.audience );
	expect( typeof payload.sub ).toBe( 'string' );
	expect( ( payload.sub as string ).length ).toBeGreaterThan( 0 );
	expectFreshTimes( payload, rules.lifetime );
	return { payload: payload as Claims, kid, alg: protectedHeader.alg };
}

function expectFreshTimes( payload: JWTPayload, lifetime: number ): void {
	expect( Number.isInteger( payload.iat ), 'iat is whole seconds' ).toBe(
		true
	);
	expect( Number.isInteger( payload.exp ), 'exp is whole seconds' ).toBe(
		true
	);
	const iat = payload.iat as number;
	const now = Math.floor( Date.now() / 1000 );
	expect( Math.abs( iat - now ), 'iat is now' ).toBeLessThanOrEqual(
		CLOCK_TOLERANCE
	);
	expect( ( payload.exp as number ) - iat, 'lifetime' ).toBe( lifetime );
}

function expectRandomId( value: unknown, name: string ): void {
	expect( typeof value, name ).toBe( 'string' );
	expect( value as string, `${ name } is base64url` ).toMatch(
		/^[A-Za-z0-9_-]{16,}$/
	);
}

export interface IdTokenExpectations {
	clientId: string;
	/** The user the token is about (`sub`). */
	sub: string | number;
	/** The access token issued with it: `at_hash` must match it. */
	accessToken: string;
	/**
	 * The nonce the authorization request sent, or null when it sent none and after a refresh
	 * (the provider never repeats a nonce in a refreshed ID token).
	 */
	nonce: string | null;
	/** RS256 unless the client registered ES256. */
	algorithm?: SigningAlgorithm;
	/**
	 * The WordPress session's `sid` when known; undefined: a sign-in through a session, whose sid
	 * is not known to the caller; null: a sign-in without a session, so no `sid`.
	 */
	sid?: string | null;
	/**
	 * The login time when known; undefined: some time not after `iat`; null: WordPress could not
	 * say (no session), so no `auth_time`.
	 */
	authTime?: number | null;
}

/** An ID token, as OIDC Core §3.1.3.7 has a relying party validate it, and what we promise. */
export async function verifyIdToken(
	token: string,
	provider: TokenProvider,
	expected: IdTokenExpectations
): Promise< Claims > {
	const { payload } = await verifyJwt( token, provider, {
		typ: 'JWT',
		algorithms: [ expected.algorithm ?? 'RS256' ],
		audience: expected.clientId,
		lifetime: ID_TOKEN_LIFETIME,
	} );
	expect( payload.sub ).toBe( String( expected.sub ) );
	expect( payload.azp ).toBe( expected.clientId );
	expect( payload.at_hash, 'at_hash' ).toBe( atHash( expected.accessToken ) );
	if ( expected.nonce === null ) {
		expect( payload, 'no nonce' ).not.toHaveProperty( 'nonce' );
	} else {
		expect( payload.nonce, 'nonce' ).toBe( expected.nonce );
	}
	if ( expected.sid === null ) {
		expect( payload, 'no sid without a session' ).not.toHaveProperty(
			'sid'
		);
	} else if ( expected.sid === undefined ) {
		expectSid( payload.sid );
	} else {
		expect( payload.sid, 'sid' ).toBe( expected.sid );
	}
	if ( expected.authTime === null ) {
		expect( payload, 'no auth_time when unknown' ).not.toHaveProperty(
			'auth_time'
		);
	} else if ( expected.authTime === undefined ) {
		expect( Number.isInteger( payload.auth_time ), 'auth_time' ).toBe(
			true
		);
		expect( payload.auth_time as number ).toBeLessThanOrEqual(
			payload.iat as number
		);
	} else {
		expect( payload.auth_time, 'auth_time' ).toBe( expected.authTime );
	}
	return payload;
}

/** A `sid`: the base64url HMAC-SHA-256 of the session's verifier (includes/Sessions/Session_Id). */
function expectSid( sid: unknown ): void {
	expect( typeof sid, 'sid of the WordPress session' ).toBe( 'string' );
	expect( sid as string ).toMatch( /^[A-Za-z0-9_-]{43}$/ );
}

export interface AccessTokenExpectations {
	clientId: string;
	sub: string | number;
	/** The scopes granted, in any order. */
	scope: string;
	/**
	 * The exact `aud`: the client when no resource was named (the default), else the resources
	 * (one is a string, several an array).
	 */
	audience?: string | string[];
}

/** An access token as RFC 9068 §4 has a resource server validate it, and what we promise. */
export async function verifyAccessToken(
	token: string,
	provider: TokenProvider,
	expected: AccessTokenExpectations
): Promise< Claims > {
	const { payload } = await verifyJwt( token, provider, {
		typ: 'at+jwt',
		algorithms: [ 'RS256' ],
		audience: expected.audience ?? expected.clientId,
		lifetime: ACCESS_TOKEN_LIFETIME,
	} );
	expect( payload.sub ).toBe( String( expected.sub ) );
	expect( payload.client_id ).toBe( expected.clientId );
	expect( typeof payload.scope, 'scope' ).toBe( 'string' );
	expect( scopeSet( payload.scope as string ) ).toEqual(
		scopeSet( expected.scope )
	);
	expectRandomId( payload.jti, 'jti' );
	return payload;
}

export interface LogoutTokenExpectations {
	clientId: string;
	/** The user signed out, when the caller knows it. */
	sub?: string | number;
	/** The session that ended, when the caller knows it. */
	sid?: string;
	algorithm?: SigningAlgorithm;
}

/** A logout token as Back-Channel Logout 1.0 §2.6 has the client validate it. */
export async function verifyLogoutToken(
	token: string,
	provider: TokenProvider,
	expected: LogoutTokenExpectations
): Promise< Claims > {
	const { payload } = await verifyJwt( token, provider, {
		typ: 'logout+jwt',
		algorithms: [ expected.algorithm ?? 'RS256' ],
		audience: expected.clientId,
		lifetime: LOGOUT_TOKEN_LIFETIME,
	} );
	expect( payload.events ).toEqual( { [ BACKCHANNEL_EVENT ]: {} } );
	expect( payload, 'a logout token carries no nonce' ).not.toHaveProperty(
		'nonce'
	);
	expectRandomId( payload.jti, 'jti' );
	expectSid( payload.sid );
	if ( expected.sub !== undefined ) {
		expect( payload.sub ).toBe( String( expected.sub ) );
	}
	if ( expected.sid !== undefined ) {
		expect( payload.sid ).toBe( expected.sid );
	}
	return payload;
}

/** The header's `kid`, for tests that follow which key signed a token (rotation). */
export function kidOf( token: string ): string {
	const { kid } = decodeProtectedHeader( token );
	expect( typeof kid, 'kid in the header' ).toBe( 'string' );
	return kid as string;
}
