/**
 * Remembered consent as the specs drive it: an authorization request answered without a browser
 * (a redirect straight back when the user already allowed the client, the consent page otherwise),
 * and the current user's `/me/applications` REST routes.
 */
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { expect } from '../../support/test';
import type { RestSession } from '../../support/wp';
import { client, discover } from './flow';
import { issuer, type TestClient } from './provider';

export interface PreparedRequest {
	config: client.Configuration;
	url: URL;
	state: string;
	checks: client.AuthorizationCodeGrantChecks;
}

/** An authorization URL with state, nonce and PKCE S256, as `openid-client` builds it. */
export async function prepareAuthorization(
	testClient: TestClient,
	scope: string,
	extra: Record< string, string > = {}
): Promise< PreparedRequest > {
	const config = await discover( testClient );
	const state = client.randomState();
	const nonce = client.randomNonce();
	const verifier = client.randomPKCECodeVerifier();
	const url = client.buildAuthorizationUrl( config, {
		redirect_uri: testClient.redirectUri,
		scope,
		state,
		nonce,
		code_challenge: await client.calculatePKCECodeChallenge( verifier ),
		code_challenge_method: 'S256',
		...extra,
	} );
	return {
		config,
		url,
		state,
		checks: {
			expectedState: state,
			expectedNonce: nonce,
			pkceCodeVerifier: verifier,
		},
	};
}

export function authorizeWithoutBrowser(
	context: APIRequestContext,
	prepared: PreparedRequest
): Promise< APIResponse > {
	return context.get( prepared.url.href, { maxRedirects: 0 } );
}

/**
 * The provider sent the user straight back to the client, with no consent screen: a code, the
 * state and the issuer. Returns the callback URL to redeem.
 */
export function expectCodeRedirect(
	response: APIResponse,
	testClient: TestClient,
	prepared: PreparedRequest
): URL {
	expect( [ 302, 303 ], `status ${ response.status() }` ).toContain(
		response.status()
	);
	const location = new URL( response.headers().location ?? '' );
	expect( `${ location.origin }${ location.pathname }` ).toBe(
		testClient.redirectUri
	);
	expect( location.searchParams.get( 'error' ), location.href ).toBeNull();
	expect( location.searchParams.get( 'code' ) ).toBeTruthy();
	expect( location.searchParams.get( 'state' ) ).toBe( prepared.state );
	expect( location.searchParams.get( 'iss' ) ).toBe( issuer() );
	return location;
}

/**
 * A sign-in the provider answers without a consent screen (remembered consent, `skip_consent`):
 * authorize, expect the code straight back, redeem it with `openid-client`.
 */
export async function signInWithoutConsent(
	context: APIRequestContext,
	testClient: TestClient,
	scope: string,
	extra: Record< string, string > = {}
): Promise< Awaited< ReturnType< typeof client.authorizationCodeGrant > > > {
	const prepared = await prepareAuthorization( testClient, scope, extra );
	const callback = expectCodeRedirect(
		await authorizeWithoutBrowser( context, prepared ),
		testClient,
		prepared
	);
	return client.authorizationCodeGrant(
		prepared.config,
		callback,
		prepared.checks
	);
}

/** An error redirect to the client with the exact code, a description, the state and `iss`. */
export function expectErrorRedirect(
	response: APIResponse,
	testClient: TestClient,
	prepared: PreparedRequest,
	error: string
): void {
	expect( [ 302, 303 ], `status ${ response.status() }` ).toContain(
		response.status()
	);
	const location = new URL( response.headers().location ?? '' );
	expect( `${ location.origin }${ location.pathname }` ).toBe(
		testClient.redirectUri
	);
	expect( location.searchParams.get( 'error' ), location.href ).toBe( error );
	expect( location.searchParams.get( 'error_description' ) ).toBeTruthy();
	expect( location.searchParams.get( 'code' ) ).toBeNull();
	expect( location.searchParams.get( 'state' ) ).toBe( prepared.state );
	expect( location.searchParams.get( 'iss' ) ).toBe( issuer() );
}

/** The consent screen: a 200 HTML page holding the decision form, and no redirect. */
export async function expectConsentScreen(
	response: APIResponse
): Promise< string > {
	expect( response.status() ).toBe( 200 );
	expect( response.headers().location ).toBeUndefined();
	expect( response.headers()[ 'content-type' ] ).toMatch( /^text\/html/ );
	const body = await response.text();
	expect( body ).toContain( 'name="request_id"' );
	return body;
}

export interface Application {
	client_id: string;
	name: string;
	scopes: string[];
	scope_descriptions: { scope: string; description: string }[];
	created_at: string;
	updated_at: string;
}

export const APPLICATIONS = 'keystone-oidc/v1/me/applications';

export function applicationRoute( clientId: string ): string {
	return `${ APPLICATIONS }/${ encodeURIComponent( clientId ) }`;
}

export async function listApplications(
	session: RestSession
): Promise< Application[] > {
	const response = await session.get( APPLICATIONS );
	expect( response.status(), await response.text() ).toBe( 200 );
	expect( response.headers()[ 'cache-control' ] ).toContain( 'no-store' );
	return ( await response.json() ) as Application[];
}

export async function revokeApplication(
	session: RestSession,
	clientId: string
): Promise< void > {
	const response = await session.delete( applicationRoute( clientId ) );
	expect( response.status(), await response.text() ).toBe( 200 );
	expect( await response.json() ).toEqual( { revoked: true } );
}
