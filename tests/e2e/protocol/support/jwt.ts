/**
 * Every token the provider signs, verified by an implementation that is not ours (`jose`) against
 * the published JWKS: signature, header, and each claim the contract names.
 */
import { createHash } from 'node:crypto';
import { expect } from '@playwright/test';
import {
	createRemoteJWKSet,
	decodeProtectedHeader,
	jwtVerify,
	type JWTPayload,
} from 'jose';
import { endpoint, issuer } from './provider';

export const ID_TOKEN_LIFETIME = 3600;
export const ACCESS_TOKEN_LIFETIME = 3600;

export interface Jwk {
	kty: string;
	kid?: string;
	use?: string;
	alg?: string;
	[ member: string ]: unknown;
}

export async function fetchJwks(): Promise< Jwk[] > {
	const response = await fetch( endpoint( 'jwks' ) );
	expect( response.status ).toBe( 200 );
	const body = ( await response.json() ) as { keys: Jwk[] };
	expect( Array.isArray( body.keys ) ).toBe( true );
	return body.keys;
}

/**
 * A fresh remote key set per call: a cached one would hide a key that vanished from the JWKS, and
 * would wait out jose's cooldown before seeing a key another test just rotated in.
 */
export async function verifySignature(
	token: string
): Promise< { payload: JWTPayload; kid: string; typ?: string } > {
	const header = decodeProtectedHeader( token );
	expect( header.alg ).toBe( 'RS256' );
	expect( typeof header.kid, 'kid in the header' ).toBe( 'string' );
	const kid = header.kid as string;
	const published = ( await fetchJwks() ).map( ( key ) => key.kid );
	expect( published, 'the kid is published in the JWKS' ).toContain( kid );
	const keys = createRemoteJWKSet( new URL( endpoint( 'jwks' ) ) );
	const { payload } = await jwtVerify( token, keys, {
		algorithms: [ 'RS256' ],
		issuer: issuer(),
	} );
	return { payload, kid, typ: header.typ };
}

/**
 * `at_hash`: the left half of SHA-256 of the access token's ASCII octets, base64url (OIDC Core
 * §3.1.3.6, for RS256).
 */
export function atHash( accessToken: string ): string {
	const digest = createHash( 'sha256' )
		.update( accessToken, 'ascii' )
		.digest();
	return digest.subarray( 0, digest.length / 2 ).toString( 'base64url' );
}

function expectFreshTimes( payload: JWTPayload, lifetime: number ): void {
	const now = Math.floor( Date.now() / 1000 );
	expect( typeof payload.iat ).toBe( 'number' );
	expect( typeof payload.exp ).toBe( 'number' );
	const iat = payload.iat as number;
	expect( Math.abs( iat - now ), 'iat is now' ).toBeLessThanOrEqual( 60 );
	expect( ( payload.exp as number ) - iat ).toBe( lifetime );
}

export interface IdTokenExpectations {
	clientId: string;
	userId: number;
	accessToken: string;
	nonce?: string;
	/**
	 * OIDC Core §12.2 leaves the nonce of a refreshed ID token open; its other claims follow the
	 * original rules.
	 */
	refreshed?: boolean;
}

export async function verifyIdToken(
	idToken: string,
	expected: IdTokenExpectations
): Promise< JWTPayload & Record< string, unknown > > {
	const { payload } = await verifySignature( idToken );
	expect( payload.iss ).toBe( issuer() );
	expect( payload.sub ).toBe( String( expected.userId ) );
	const audience = Array.isArray( payload.aud )
		? payload.aud
		: [ payload.aud ];
	expect( audience ).toContain( expected.clientId );
	expect( payload.azp ).toBe( expected.clientId );
	expectFreshTimes( payload, ID_TOKEN_LIFETIME );
	expect( typeof payload.auth_time ).toBe( 'number' );
	expect( payload.auth_time as number ).toBeLessThanOrEqual(
		payload.iat as number
	);
	if ( expected.refreshed ) {
		if ( 'nonce' in payload ) {
			expect( payload.nonce ).toBe( expected.nonce );
		}
	} else if ( expected.nonce === undefined ) {
		expect( payload ).not.toHaveProperty( 'nonce' );
	} else {
		expect( payload.nonce ).toBe( expected.nonce );
	}
	expect( payload.at_hash ).toBe( atHash( expected.accessToken ) );
	return payload;
}

export interface AccessTokenExpectations {
	clientId: string;
	userId: number;
	scope: string;
}

export async function verifyAccessToken(
	accessToken: string,
	expected: AccessTokenExpectations
): Promise< JWTPayload & Record< string, unknown > > {
	const { payload, typ } = await verifySignature( accessToken );
	expect( typ ).toBe( 'at+jwt' );
	expect( payload.iss ).toBe( issuer() );
	expect( payload.sub ).toBe( String( expected.userId ) );
	expect( payload.client_id ).toBe( expected.clientId );
	expect( scopeSet( payload.scope as string ) ).toEqual(
		scopeSet( expected.scope )
	);
	const audience = Array.isArray( payload.aud )
		? payload.aud
		: [ payload.aud ];
	expect( audience.length ).toBeGreaterThan( 0 );
	for ( const value of audience ) {
		expect( typeof value ).toBe( 'string' );
	}
	expectFreshTimes( payload, ACCESS_TOKEN_LIFETIME );
	expect( typeof payload.jti ).toBe( 'string' );
	expect( ( payload.jti as string ).length ).toBeGreaterThanOrEqual( 16 );
	return payload;
}

export function scopeSet( scope: string | undefined ): string[] {
	return ( scope ?? '' ).split( ' ' ).filter( Boolean ).sort();
}

/**
 * The JWT with its payload changed and its signature kept: what an attacker who edits a token
 * sends. The signature no longer matches, which is the point.
 */
export function withTamperedPayload(
	jwt: string,
	changes: Record< string, unknown >
): string {
	const [ header, payload, signature ] = jwt.split( '.' ) as [
		string,
		string,
		string,
	];
	const claims = JSON.parse(
		Buffer.from( payload, 'base64url' ).toString()
	) as Record< string, unknown >;
	return [
		header,
		Buffer.from( JSON.stringify( { ...claims, ...changes } ) ).toString(
			'base64url'
		),
		signature,
	].join( '.' );
}
