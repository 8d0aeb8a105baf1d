/**
 * The WordPress under test seen as an OpenID provider: its discovery document, clients registered
 * through the plugin's admin REST API, and a person signing in through its login and consent pages.
 */
import { createHash, randomBytes } from 'node:crypto';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { baseUrl } from '../../e2e/support/env';
import { restSession, type WpUser } from '../../e2e/support/wp';
import {
	remoteProvider,
	verifyAccessToken,
	verifyIdToken,
} from '../../shared/token-verifier';

export interface Discovery {
	issuer: string;
	authorization_endpoint: string;
	token_endpoint: string;
	userinfo_endpoint: string;
	jwks_uri: string;
	end_session_endpoint?: string;
	revocation_endpoint?: string;
	scopes_supported?: string[];
	claims_supported?: string[];
	grant_types_supported?: string[];
	prompt_values_supported?: string[];
}

export interface RegisteredClient {
	client_id: string;
	client_secret?: string;
	redirect_uris: string[];
	scopes: string[];
	type: 'confidential' | 'public';
}

export interface ClientInput {
	name: string;
	redirect_uris: string[];
	scopes: string[];
	type?: 'confidential' | 'public';
	post_logout_redirect_uris?: string[];
	token_endpoint_auth_method?: 'client_secret_basic' | 'private_key_jwt';
	jwks?: { keys: object[] };
}

export function discoveryUrl(): string {
	return `${ baseUrl() }/.well-known/openid-configuration`;
}

export async function discovery(): Promise< Discovery > {
	const response = await fetch( discoveryUrl() );
	expect( response.status, `GET ${ discoveryUrl() }` ).toBe( 200 );
	return ( await response.json() ) as Discovery;
}

/**
 * The scopes from `wanted` the provider announces; `openid` always.
 */
export function supportedScopes(
	provider: Discovery,
	wanted: string[]
): string[] {
	const announced = provider.scopes_supported ?? [];
	return [
		'openid',
		...wanted.filter(
			( scope ) => scope !== 'openid' && announced.includes( scope )
		),
	];
}

export async function registerClient(
	input: ClientInput
): Promise< RegisteredClient > {
	const session = await restSession();
	try {
		const response = await session.post(
			'keystone-oidc/v1/clients',
			input
		);
		expect( response.status(), await response.text() ).toBe( 201 );
		return ( await response.json() ) as RegisteredClient;
	} finally {
		await session.dispose();
	}
}

export async function deleteClient( clientId: string ): Promise< void > {
	const session = await restSession();
	try {
		const response = await session.delete(
			`keystone-oidc/v1/clients/${ encodeURIComponent( clientId ) }`
		);
		expect( response.status(), await response.text() ).toBe( 200 );
	} finally {
		await session.dispose();
	}
}

/**
 * Signs the browser in to WordPress itself (not through a relying party) and lands on `returnTo`,
 * without passing through wp-admin.
 */
export async function signInToWordPress(
	page: Page,
	user: Pick< WpUser, 'username' | 'password' >,
	returnTo: string
): Promise< void > {
	await page.goto(
		`${ baseUrl() }/wp-login.php?redirect_to=${ encodeURIComponent(
			returnTo
		) }`
	);
	await page.locator( '#user_login' ).fill( user.username );
	await page.locator( '#user_pass' ).fill( user.password );
	await Promise.all( [
		page.waitForURL( returnTo ),
		page.locator( '#wp-submit' ).click(),
	] );
}

/**
 * Completes the provider's side of a sign-in the relying party started in `page`: the WordPress
 * login form, then Allow on the consent screen. Resolves once the browser is back at `rpOrigin`.
 */
export async function signInAtProvider(
	page: Page,
	user: Pick< WpUser, 'username' | 'password' >,
	rpOrigin: string
): Promise< void > {
	const provider = new URL( baseUrl() ).origin;
	await page.waitForURL( ( url ) => url.origin === provider );
	if ( new URL( page.url() ).pathname.endsWith( '/wp-login.php' ) ) {
		await page.locator( '#user_login' ).fill( user.username );
		await page.locator( '#user_pass' ).fill( user.password );
		await Promise.all( [
			page.waitForURL(
				( url ) => ! url.pathname.endsWith( '/wp-login.php' )
			),
			page.locator( '#wp-submit' ).click(),
		] );
	}
	if ( new URL( page.url() ).origin === provider ) {
		await page.getByRole( 'button', { name: /^allow/i } ).click();
	}
	await page.waitForURL( ( url ) => url.origin === rpOrigin );
}

/**
 * Whether the browser behind `request` still has a WordPress session, asked the way a relying
 * party would: a fresh authorization request is sent to the login form only when it has none.
 * (Asking wp-admin instead would run WordPress's update checks, which log warnings offline.)
 */
export async function hasWordPressSession(
	request: APIRequestContext,
	provider: Discovery,
	client: RegisteredClient
): Promise< boolean > {
	const url = new URL( provider.authorization_endpoint );
	const verifier = randomBytes( 32 ).toString( 'base64url' );
	url.search = new URLSearchParams( {
		client_id: client.client_id,
		redirect_uri: client.redirect_uris[ 0 ] ?? '',
		response_type: 'code',
		scope: 'openid',
		state: 'session-check',
		code_challenge: createHash( 'sha256' )
			.update( verifier )
			.digest( 'base64url' ),
		code_challenge_method: 'S256',
	} ).toString();
	const response = await request.get( url.toString(), { maxRedirects: 0 } );
	const location = response.headers().location ?? '';
	return ! (
		response.status() === 302 && location.includes( '/wp-login.php' )
	);
}

export interface IssuedTokens {
	id_token?: unknown;
	access_token?: unknown;
}

/**
 * The ID token and access token a relying party received, checked by the suites' shared verifier
 * against the issuer and `jwks_uri` discovery announced: whatever the relying party library
 * accepted, the provider must also have issued what its contract promises.
 */
export async function verifyIssuedTokens(
	provider: Discovery,
	tokens: IssuedTokens,
	expected: {
		clientId: string;
		userId: number;
		scope: string[];
		/** The nonce the authorization request sent; null when none, and after a refresh. */
		nonce: string | null;
	}
): Promise< void > {
	const keys = remoteProvider( provider.issuer, provider.jwks_uri );
	expect( typeof tokens.id_token, 'an ID token' ).toBe( 'string' );
	expect( typeof tokens.access_token, 'an access token' ).toBe( 'string' );
	const accessToken = tokens.access_token as string;
	await verifyIdToken( tokens.id_token as string, keys, {
		clientId: expected.clientId,
		sub: expected.userId,
		accessToken,
		nonce: expected.nonce,
	} );
	await verifyAccessToken( accessToken, keys, {
		clientId: expected.clientId,
		sub: expected.userId,
		scope: expected.scope.join( ' ' ),
	} );
}
