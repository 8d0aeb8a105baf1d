/**
 * The protocol's representative subset, run against one host of the matrix: discovery, the code
 * flow with each client authentication method (client_secret_basic, client_secret_post, a public
 * client with PKCE), refresh, UserInfo with the Authorization header and with a form body,
 * revocation, RP-initiated logout, a form_post response, and wp-admin free of the endpoint notice.
 * The user signs in and consents over plain HTTP with WordPress's login cookie, posting the consent
 * page's own form, so the same steps run on every host, HTTPS included, without a browser.
 * Behind TLS every provider URL, Location and page must say https: any `http://127.0.0.1` in an
 * answer is a leak.
 */
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { test, expect } from '../../e2e/support/test';
import { siteUrl } from '../../e2e/support/env';
import {
	createProfileUser,
	type ProfileUser,
} from '../../e2e/protocol/support/fixtures';
import {
	client,
	discover,
	signedInRequest,
	type AuthMethod,
	type Tokens,
} from '../../e2e/protocol/support/flow';
import {
	expectCodeRedirect,
	expectConsentScreen,
	prepareAuthorization,
	type PreparedRequest,
} from '../../e2e/protocol/support/applications';
import {
	credentials,
	expectChallenge,
	expectOAuthError,
	raw,
	type RawResponse,
} from '../../e2e/protocol/support/http';
import {
	fetchJwks,
	verifyAccessToken,
	verifyIdToken,
	withTamperedPayload,
} from '../../e2e/protocol/support/jwt';
import {
	endSessionUrl,
	hasWordPressSession,
} from '../../e2e/protocol/support/logout';
import {
	asAdmin,
	createClient,
	endpoint,
	issuer,
	type ClientInput,
	type TestClient,
} from '../../e2e/protocol/support/provider';
import { startHost, type Host, type RunningHost } from './host';

export { test, expect };

const SCOPE = 'openid profile email';

/** The state every spec of a host file shares: its site and a user with a full profile. */
export interface HostState {
	site: RunningHost;
	user: ProfileUser;
}

/**
 * Boots the host before the file's tests and stops it after them; `state()` is the running site.
 */
export function useHost( label: string, host: Host ): () => HostState {
	let site: RunningHost | undefined;
	let state: HostState | undefined;
	test.beforeAll( async () => {
		site = await startHost( label, host );
		state = { site, user: await createProfileUser() };
	} );
	test.afterAll( async () => {
		await site?.stop();
	} );
	return () => {
		if ( ! state ) {
			throw new Error( 'the host did not start' );
		}
		return state;
	};
}

/** A loopback redirect URI nothing listens on, on the site's own scheme. */
export function redirectUri( site: RunningHost, label = 'callback' ): string {
	return `${ site.https ? 'https' : 'http' }://127.0.0.1:65010/${ label }`;
}

export function hostClient(
	site: RunningHost,
	input: ClientInput = {}
): Promise< TestClient > {
	return createClient( { redirect_uris: [ redirectUri( site ) ], ...input } );
}

/** Behind TLS, no answer names the provider (or the server behind the proxy) on plain http. */
export function expectNoHttp( site: RunningHost, text: string ): void {
	if ( site.https ) {
		expect( text, 'nothing on http:// behind TLS' ).not.toMatch(
			/http:(?:\\?\/){2}(?:127\.0\.0\.1|localhost)/
		);
	}
}

export function expectOnScheme( site: RunningHost, url: string ): void {
	expect( url.startsWith( site.https ? 'https://' : 'http://' ), url ).toBe(
		true
	);
}

function decodeHtml( value: string ): string {
	return value
		.replace( /&#0?38;|&amp;/g, '&' )
		.replace( /&quot;/g, '"' )
		.replace( /&#0?39;/g, "'" );
}

function hidden( html: string, name: string ): string {
	const match = new RegExp( `name="${ name }" value="([^"]+)"` ).exec( html );
	expect( match, `the consent form has ${ name }` ).not.toBeNull();
	return decodeHtml( ( match as RegExpExecArray )[ 1 ] as string );
}

/**
 * The front channel: the authorization request with the user's cookies and, when the provider
 * asks, the consent page's own form posted back with "Allow". Returns the callback URL.
 */
export async function authorizeOverHttp(
	site: RunningHost,
	session: APIRequestContext,
	testClient: TestClient,
	prepared: PreparedRequest
): Promise< URL > {
	expectOnScheme( site, prepared.url.href );
	let response: APIResponse = await session.get( prepared.url.href, {
		maxRedirects: 0,
	} );
	if ( response.status() === 200 ) {
		const html = await expectConsentScreen( response );
		expectNoHttp( site, html );
		const form = /<form method="post" action="([^"]+)"/.exec( html );
		expect( form, 'the consent page has its form' ).not.toBeNull();
		const action = decodeHtml( ( form as RegExpExecArray )[ 1 ] as string );
		expect( action ).toBe( endpoint( 'authorize' ) );
		response = await session.post( action, {
			form: {
				request_id: hidden( html, 'request_id' ),
				_wpnonce: hidden( html, '_wpnonce' ),
				decision: 'allow',
			},
			maxRedirects: 0,
		} );
	}
	const callback = expectCodeRedirect( response, testClient, prepared );
	expectOnScheme( site, callback.href );
	return callback;
}

/** Authorize, consent, redeem with the given client authentication method. */
export async function signIn(
	site: RunningHost,
	session: APIRequestContext,
	testClient: TestClient,
	method: AuthMethod
): Promise< { tokens: Tokens; prepared: PreparedRequest } > {
	const prepared = await prepareAuthorization( testClient, SCOPE );
	const callback = await authorizeOverHttp(
		site,
		session,
		testClient,
		prepared
	);
	const config = await discover( testClient, method );
	const tokens = await client.authorizationCodeGrant(
		config,
		callback,
		prepared.checks
	);
	return { tokens, prepared };
}

/**
 * A whole sign-in of the host's user in a session of its own, kept signed in for what the test
 * does next (the caller disposes of it).
 */
export async function signedInSession(
	{ site, user }: HostState,
	testClient: TestClient,
	method: AuthMethod = 'client_secret_basic'
): Promise< { session: APIRequestContext; tokens: Tokens; nonce: string } > {
	const session = await signedInRequest( user );
	const { tokens, prepared } = await signIn(
		site,
		session,
		testClient,
		method
	);
	return {
		session,
		tokens,
		nonce: prepared.checks.expectedNonce as string,
	};
}

/** A whole sign-in of the host's user, for the tokens only. */
export async function tokensFor(
	state: HostState,
	testClient: TestClient,
	method: AuthMethod = 'client_secret_basic'
): Promise< Tokens > {
	const { session, tokens } = await signedInSession(
		state,
		testClient,
		method
	);
	await session.dispose();
	return tokens;
}

/** A whole sign-in whose ID token and access token the shared verifier has checked. */
export async function verifiedTokensFor(
	state: HostState,
	testClient: TestClient
): Promise< Tokens > {
	const { session, tokens, nonce } = await signedInSession(
		state,
		testClient
	);
	await session.dispose();
	await verifyIdToken( tokens.id_token as string, {
		clientId: testClient.client_id,
		userId: state.user.id,
		accessToken: tokens.access_token,
		nonce,
	} );
	await verifyAccessToken( tokens.access_token, {
		clientId: testClient.client_id,
		userId: state.user.id,
		scope: SCOPE,
	} );
	return tokens;
}

/** Neither the access token (at UserInfo) nor the refresh token works any longer. */
export async function expectTokensRevoked(
	testClient: TestClient,
	tokens: Tokens
): Promise< void > {
	expectChallenge(
		await raw( 'userinfo', { bearer: tokens.access_token } ),
		'invalid_token',
		'Bearer'
	);
	expectOAuthError(
		await refreshWith( testClient, tokens.refresh_token as string ),
		400,
		'invalid_grant'
	);
}

/** A refresh with the client's Basic credentials (its own secret unless told otherwise). */
export function refreshWith(
	testClient: TestClient,
	refreshToken: string,
	secret?: string
): Promise< RawResponse > {
	return raw( 'token', {
		basic: credentials( testClient, secret ),
		form: { grant_type: 'refresh_token', refresh_token: refreshToken },
	} );
}

/** A wp-admin screen as the administrator sees it: 200 and its HTML. */
export async function adminScreen( screen: string ): Promise< string > {
	const response = await asAdmin( ( session ) =>
		session.request.get( `${ siteUrl() }/wp-admin/${ screen }`, {
			maxRedirects: 0,
		} )
	);
	expect( response.status() ).toBe( 200 );
	const html = await response.text();
	expect( html ).toContain( 'id="wpadminbar"' );
	return html;
}

async function expectUserinfo(
	accessToken: string,
	user: ProfileUser,
	how: 'header' | 'body'
): Promise< void > {
	const response =
		how === 'header'
			? await raw( 'userinfo', { bearer: accessToken } )
			: await raw( 'userinfo', { form: { access_token: accessToken } } );
	expect( response.status, response.text ).toBe( 200 );
	expect( response.json.sub ).toBe( String( user.id ) );
	expect( response.json.email ).toBe( user.email );
	expect( response.json.name ).toBe( user.displayName );
}

/**
 * The subset's tests, for the host `state()` runs.
 */
export function protocolSubset( state: () => HostState ): void {
	test( 'discovery: the issuer is the home URL, every endpoint below it, on its scheme', async () => {
		const { site } = state();
		expect( issuer() ).toBe( site.url );
		const response = await fetch( endpoint( 'discovery' ), {
			redirect: 'manual',
		} );
		expect( response.status ).toBe( 200 );
		const text = await response.text();
		expectNoHttp( site, text );
		const document = JSON.parse( text ) as Record< string, unknown >;
		expect( document.issuer ).toBe( site.url );
		expect( document.authorization_endpoint ).toBe(
			endpoint( 'authorize' )
		);
		expect( document.token_endpoint ).toBe( endpoint( 'token' ) );
		expect( document.userinfo_endpoint ).toBe( endpoint( 'userinfo' ) );
		expect( document.jwks_uri ).toBe( endpoint( 'jwks' ) );
		expect( document.revocation_endpoint ).toBe( endpoint( 'revocation' ) );
		expect( document.end_session_endpoint ).toBe(
			endpoint( 'endSession' )
		);
		for ( const [ key, value ] of Object.entries( document ) ) {
			if ( key.endsWith( '_endpoint' ) || key === 'jwks_uri' ) {
				expectOnScheme( site, String( value ) );
			}
		}
		const local = await fetch( endpoint( 'discoveryLocal' ) );
		expect( local.status ).toBe( 200 );
		expect( ( ( await local.json() ) as { issuer: string } ).issuer ).toBe(
			site.url
		);
		expect( ( await fetchJwks() ).length ).toBeGreaterThan( 0 );
	} );

	test( 'client_secret_basic: verified tokens; UserInfo with the Authorization header and with a form body', async () => {
		const { site, user } = state();
		const testClient = await hostClient( site );
		const tokens = await verifiedTokensFor( state(), testClient );
		expect( tokens.claims()?.iss ).toBe( site.url );
		await expectUserinfo( tokens.access_token, user, 'header' );
		await expectUserinfo( tokens.access_token, user, 'body' );
		// The header reaches PHP: an edited token is refused with the Bearer challenge's own code.
		expectChallenge(
			await raw( 'userinfo', {
				bearer: withTamperedPayload( tokens.access_token, {
					sub: '1',
				} ),
			} ),
			'invalid_token',
			'Bearer'
		);
		// And Basic credentials do: a wrong secret is refused as such.
		expectChallenge(
			await refreshWith(
				testClient,
				tokens.refresh_token as string,
				'not-the-secret'
			),
			'invalid_client',
			'Basic'
		);
	} );

	test( 'client_secret_post: the code flow, then refresh rotates the refresh token', async () => {
		const { site, user } = state();
		const testClient = await hostClient( site );
		const tokens = await tokensFor(
			state(),
			testClient,
			'client_secret_post'
		);
		expect( typeof tokens.refresh_token ).toBe( 'string' );
		const config = await discover( testClient, 'client_secret_post' );
		const refreshed = await client.refreshTokenGrant(
			config,
			tokens.refresh_token as string
		);
		await verifyAccessToken( refreshed.access_token, {
			clientId: testClient.client_id,
			userId: user.id,
			scope: SCOPE,
		} );
		await expectUserinfo( refreshed.access_token, user, 'header' );
		expectOAuthError(
			await raw( 'token', {
				form: {
					grant_type: 'refresh_token',
					refresh_token: tokens.refresh_token as string,
					client_id: testClient.client_id,
					client_secret: testClient.client_secret as string,
				},
			} ),
			400,
			'invalid_grant'
		);
	} );

	test( 'a public client with PKCE; a wrong code_verifier is refused', async () => {
		const { site, user } = state();
		const testClient = await hostClient( site, { type: 'public' } );
		const session = await signedInRequest( user );
		const { tokens } = await signIn( site, session, testClient, 'none' );
		await verifyIdToken( tokens.id_token as string, {
			clientId: testClient.client_id,
			userId: user.id,
			accessToken: tokens.access_token,
			nonce: tokens.claims()?.nonce as string,
		} );
		await expectUserinfo( tokens.access_token, user, 'header' );

		const prepared = await prepareAuthorization( testClient, SCOPE );
		const callback = await authorizeOverHttp(
			site,
			session,
			testClient,
			prepared
		);
		await session.dispose();
		expectOAuthError(
			await raw( 'token', {
				form: {
					grant_type: 'authorization_code',
					code: callback.searchParams.get( 'code' ) as string,
					redirect_uri: testClient.redirectUri,
					client_id: testClient.client_id,
					code_verifier: client.randomPKCECodeVerifier(),
				},
			} ),
			400,
			'invalid_grant'
		);
	} );

	test( 'revocation: a revoked access token is refused at UserInfo, a revoked refresh token at the token endpoint', async () => {
		const { site, user } = state();
		const testClient = await hostClient( site );
		const tokens = await tokensFor( state(), testClient );
		await expectUserinfo( tokens.access_token, user, 'header' );
		for ( const [ token, hint ] of [
			[ tokens.access_token, 'access_token' ],
			[ tokens.refresh_token as string, 'refresh_token' ],
		] as const ) {
			const revoked = await raw( 'revocation', {
				basic: credentials( testClient ),
				form: { token, token_type_hint: hint },
			} );
			expect( revoked.status, revoked.text ).toBe( 200 );
		}
		await expectTokensRevoked( testClient, tokens );
	} );

	test( 'form_post: the page posts the code to the client and names the issuer', async () => {
		const { site, user } = state();
		const testClient = await hostClient( site );
		const session = await signedInRequest( user );
		// The first sign-in records the consent; the second comes straight back by form_post.
		await signIn( site, session, testClient, 'client_secret_basic' );
		const prepared = await prepareAuthorization( testClient, SCOPE, {
			response_mode: 'form_post',
		} );
		const response = await session.get( prepared.url.href, {
			maxRedirects: 0,
		} );
		expect( response.status() ).toBe( 200 );
		expect( response.headers()[ 'content-type' ] ).toMatch( /^text\/html/ );
		const html = await response.text();
		await session.dispose();
		expectNoHttp( site, html );
		const form = /<form\b[^>]*\baction="([^"]*)"/.exec( html );
		expect( form, html ).not.toBeNull();
		expect( decodeHtml( ( form as RegExpExecArray )[ 1 ] as string ) ).toBe(
			testClient.redirectUri
		);
		expect( html ).toContain( 'name="code"' );
		expect( hidden( html, 'state' ) ).toBe( prepared.state );
		expect( hidden( html, 'iss' ) ).toBe( site.url );
	} );

	test( 'RP-initiated logout ends the WordPress session and returns to the registered URI', async () => {
		const { site, user } = state();
		const signedOut = redirectUri( site, 'signed-out' );
		const testClient = await hostClient( site, {
			post_logout_redirect_uris: [ signedOut ],
		} );
		const session = await signedInRequest( user );
		const { tokens } = await signIn(
			site,
			session,
			testClient,
			'client_secret_basic'
		);
		const cookies = await session.storageState();
		expect( await hasWordPressSession( cookies ) ).toBe( true );
		const url = endSessionUrl( {
			id_token_hint: tokens.id_token as string,
			post_logout_redirect_uri: signedOut,
			state: 'a+b&c',
		} );
		expectOnScheme( site, url );
		const response = await session.get( url, { maxRedirects: 0 } );
		await session.dispose();
		expect( response.status() ).toBe( 302 );
		expect( response.headers().location ).toBe(
			`${ signedOut }?state=${ encodeURIComponent( 'a+b&c' ) }`
		);
		expect( await hasWordPressSession( cookies ) ).toBe( false );
	} );

	test( 'wp-admin shows no endpoint notice: the endpoints are reachable', async () => {
		const { site } = state();
		expect( await adminScreen( '' ) ).not.toContain(
			'keystone-oidc-endpoint-notice'
		);
		expectOnScheme( site, siteUrl() );
	} );
}

/** A whole host file: its site, and the subset against it. */
export function hostSuite( title: string, label: string, host: Host ): void {
	test.describe( title, () => {
		protocolSubset( useHost( label, host ) );
	} );
}
