/**
 * The shared token verifier (tests/shared/token-verifier.ts) bound to the site under test: its
 * issuer and its JWKS, read again for every token. Specs name the user by id, as they create it.
 */
import { expect } from '@playwright/test';
import type { JSONWebKeySet } from 'jose';
import {
	fetchJwks as fetchKeySet,
	remoteProvider,
	verifyAccessToken as verifyAccessTokenOf,
	verifyIdToken as verifyIdTokenOf,
	verifyLogoutToken as verifyLogoutTokenOf,
	type Claims,
	type SigningAlgorithm,
	type TokenProvider,
} from '../../../shared/token-verifier';
import { endpoint, issuer } from './provider';

export {
	ACCESS_TOKEN_LIFETIME,
	ID_TOKEN_LIFETIME,
	atHash,
	kidOf,
	scopeSet,
} from '../../../shared/token-verifier';

export interface Jwk {
	kty: string;
	kid?: string;
	use?: string;
	alg?: string;
	[ member: string ]: unknown;
}

/** The site under test as a relying party knows it. */
export function provider(): TokenProvider {
	return remoteProvider( issuer(), endpoint( 'jwks' ) );
}

export async function fetchJwks(): Promise< Jwk[] > {
	return ( await fetchKeySet( endpoint( 'jwks' ) ) ).keys as Jwk[];
}

export function keySet(): Promise< JSONWebKeySet > {
	return fetchKeySet( endpoint( 'jwks' ) );
}

export interface IdTokenExpectations {
	clientId: string;
	userId: number;
	accessToken: string;
	/** The nonce the authorization request sent; none when it sent none. */
	nonce?: string;
	/** A refreshed ID token: it never repeats the nonce (OIDC Core §12.2 leaves that open; we do not). */
	refreshed?: boolean;
	algorithm?: SigningAlgorithm;
	sid?: string | null;
	authTime?: number | null;
}

export function verifyIdToken(
	idToken: string,
	expected: IdTokenExpectations
): Promise< Claims > {
	return verifyIdTokenOf( idToken, provider(), {
		clientId: expected.clientId,
		sub: expected.userId,
		accessToken: expected.accessToken,
		nonce: expected.refreshed ? null : expected.nonce ?? null,
		algorithm: expected.algorithm,
		sid: expected.sid,
		authTime: expected.authTime,
	} );
}

export interface AccessTokenExpectations {
	clientId: string;
	userId: number;
	scope: string;
	/** The exact `aud`; the client unless resources were named. */
	audience?: string | string[];
}

export function verifyAccessToken(
	accessToken: string,
	expected: AccessTokenExpectations
): Promise< Claims > {
	return verifyAccessTokenOf( accessToken, provider(), {
		clientId: expected.clientId,
		sub: expected.userId,
		scope: expected.scope,
		audience: expected.audience,
	} );
}

export function verifyLogoutToken(
	logoutToken: string | null,
	expected: { clientId: string; userId?: number; sid?: string }
): Promise< Claims > {
	expect( typeof logoutToken, 'a logout_token was posted' ).toBe( 'string' );
	return verifyLogoutTokenOf( logoutToken as string, provider(), {
		clientId: expected.clientId,
		sub: expected.userId,
		sid: expected.sid,
	} );
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
