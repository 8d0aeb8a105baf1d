/**
 * Test sign-in (docs/test-sign-in.md): the administrator runs a real authorization for a client,
 * ends on this site's result screen and sees what the client would receive, the same as a real
 * openid-client flow of that client gets; the tokens are revoked at once. The built-in redirect
 * target works only with a live test session of the same administrator for the same client.
 */
import type { APIRequestContext, APIResponse, Page } from '@playwright/test';
import { decodeJwt } from 'jose';
import { test, expect } from '../support/test';
import { baseUrl } from '../support/env';
import { createUser, restSession, type WpUser } from '../support/wp';
import { raw } from '../protocol/support/http';
import {
	authorizeCode,
	client,
	consent,
	discover,
	redeem,
	signedInRequest,
} from '../protocol/support/flow';
import {
	adminSession,
	asAdmin,
	createClient,
	deleteClient,
	type ClientInput,
	type TestClient,
} from '../protocol/support/provider';
import {
	addMappings,
	removeMappings,
	setUserMeta,
	uniqueClaimName,
} from '../protocol/support/claims';
import {
	expectAccessible,
	screenshot,
	screenUrl,
	signedInBrowser,
	watchConsole,
} from './support';

interface TestStart {
	authorize_url: string;
	redirect_uri: string;
	expires_at: number;
}

interface ShownResult {
	status: 'success' | 'error';
	error?: string;
	tokens?: { id_token: string; access_token: string; scope: string };
	userinfo?: { claims?: Record< string, unknown > };
}

const TARGET_PATH = '/wp-admin/admin.php?page=keystone-oidc-test-sign-in';

function target(): string {
	return `${ baseUrl() }${ TARGET_PATH }`;
}

function testRoute( clientId: string ): string {
	return `keystone-oidc/v1/clients/${ encodeURIComponent(
		clientId
	) }/test-sign-in`;
}

async function startTest( clientId: string ): Promise< TestStart > {
	const response = await asAdmin( ( session ) =>
		session.post( testRoute( clientId ) )
	);
	expect( response.status(), await response.text() ).toBe( 201 );
	expect( response.headers()[ 'cache-control' ] ).toContain( 'no-store' );
	const start = ( await response.json() ) as TestStart;
	expect( start.redirect_uri ).toBe( target() );
	const url = new URL( start.authorize_url );
	expect( url.searchParams.get( 'redirect_uri' ) ).toBe( target() );
	expect( url.searchParams.get( 'client_id' ) ).toBe( clientId );
	expect( url.searchParams.get( 'code_challenge_method' ) ).toBe( 'S256' );
	expect( url.searchParams.get( 'state' ) ).toBeTruthy();
	expect( url.searchParams.get( 'nonce' ) ).toBeTruthy();
	return start;
}

async function adminRequest(): Promise< APIRequestContext > {
	return ( await adminSession() ).request;
}

/** The unregistered-redirect-URI answer: an HTML page, no redirect, no code anywhere. */
async function expectHtmlErrorPage( response: APIResponse ): Promise< void > {
	const body = await response.text();
	expect( response.status(), body.slice( 0, 300 ) ).toBe( 400 );
	expect( response.headers().location ).toBeUndefined();
	expect( response.headers()[ 'content-type' ] ).toMatch( /^text\/html/ );
	expect( body ).toContain( '<code>invalid_request</code>' );
	expect( body ).not.toContain( 'code=' );
}

/** What the result page handed its screen (`window.keystoneOidcTestSignIn`). */
function resultIn( html: string ): ShownResult {
	const found = /window\.keystoneOidcTestSignIn = (.*?);\n/.exec( html );
	expect( found, 'the result page carries its result' ).not.toBeNull();
	return JSON.parse( found?.[ 1 ] ?? 'null' ) as ShownResult;
}

async function shownResult( page: Page ): Promise< ShownResult > {
	return ( await page.evaluate(
		() =>
			( window as unknown as { keystoneOidcTestSignIn: unknown } )
				.keystoneOidcTestSignIn
	) ) as ShownResult;
}

async function adminId(): Promise< number > {
	const response = await asAdmin( ( session ) =>
		session.get( 'wp/v2/users/me?context=edit' )
	);
	expect( response.status() ).toBe( 200 );
	return ( ( await response.json() ) as { id: number } ).id;
}

/** Claims that differ between any two sign-ins (times, ids, per-request values). */
const PER_TOKEN = [ 'exp', 'iat', 'nbf', 'nonce', 'at_hash', 'jti', 'sid' ];

function lasting(
	claims: Record< string, unknown >
): Record< string, unknown > {
	return Object.fromEntries(
		Object.entries( claims ).filter(
			( [ name ] ) => ! PER_TOKEN.includes( name )
		)
	);
}

async function withClient(
	input: ClientInput,
	work: ( testClient: TestClient ) => Promise< void >
): Promise< void > {
	const testClient = await createClient( input );
	try {
		await work( testClient );
	} finally {
		await deleteClient( testClient.client_id );
	}
}

test( 'Test sign-in shows what the client receives, the same as a real flow, and revokes it', async ( {
	browser,
} ) => {
	// Two sign-ins in a browser, two axe checks and a full-page capture on a shared machine.
	test.slow();
	const mapped = uniqueClaimName( 'team' );
	await addMappings( [
		{ claim: mapped, source: 'meta', meta_key: mapped, scope: 'profile' },
	] );
	const userId = await adminId();
	await setUserMeta( userId, mapped, [ 'Platform' ] );
	try {
		await withClient(
			{ scopes: [ 'openid', 'profile', 'email', 'roles' ] },
			async ( testClient ) => {
				const context = await signedInBrowser( browser );
				const page = await context.newPage();
				const consoleErrors = watchConsole( page );
				await page.goto(
					screenUrl( 'keystone-oidc-new', {
						client_id: testClient.client_id,
					} )
				);
				const card = page.locator( '.keystone-oidc-test-sign-in' );
				await expect( card ).toBeVisible();
				await expectAccessible( page );
				await card
					.getByRole( 'button', { name: 'Test sign-in' } )
					.click();

				// The consent screen, as this client's users see it.
				await expect( page ).toHaveURL( /oauth\/authorize/ );
				await page
					.getByRole( 'button', { name: 'Allow', exact: true } )
					.click();

				await expect( page ).toHaveURL(
					/page=keystone-oidc-test-sign-in/
				);
				const idToken = page.getByRole( 'region', {
					name: 'ID token',
				} );
				await expect( idToken ).toBeVisible();
				await expect(
					idToken.locator( 'tr[data-claim="sub"] td' ).first()
				).toHaveText( String( userId ) );
				await expect(
					idToken.locator( 'tr[data-claim="aud"] td' ).first()
				).toContainText( testClient.client_id );
				await expect(
					idToken.locator( 'tr[data-claim="nonce"]' )
				).toContainText( 'Matches the nonce this test sent.' );
				await expect(
					idToken.locator( `tr[data-claim="${ mapped }"] td` ).first()
				).toContainText( 'Platform' );
				await expect(
					page
						.getByRole( 'region', { name: 'Access token' } )
						.locator( 'tr[data-claim="client_id"] td' )
						.first()
				).toHaveText( testClient.client_id );
				const userinfo = page.getByRole( 'region', {
					name: 'UserInfo',
				} );
				await expect(
					userinfo.locator( 'tr[data-claim="email"]' )
				).toBeVisible();
				await expect(
					userinfo.locator( 'tr[data-claim="roles"] td' ).first()
				).toContainText( 'administrator' );
				await expect(
					page
						.locator(
							'.notice-success, .components-notice.is-success'
						)
						.first()
				).toContainText( 'already been revoked' );
				await expectAccessible( page );
				await screenshot( page, 'admin-test-sign-in-result' );

				const shown = await shownResult( page );
				expect( shown.status ).toBe( 'success' );
				const tokens = shown.tokens as NonNullable<
					ShownResult[ 'tokens' ]
				>;

				// Revoked before they were shown: introspection and UserInfo refuse them.
				const introspected = await raw( 'introspection', {
					form: { token: tokens.access_token },
					basic: {
						id: testClient.client_id,
						secret: testClient.client_secret as string,
					},
				} );
				expect( introspected.status ).toBe( 200 );
				expect( introspected.json ).toEqual( { active: false } );
				const refused = await raw( 'userinfo', {
					bearer: tokens.access_token,
				} );
				expect( refused.status ).toBe( 401 );

				// A real relying party with the same client and scopes gets the same claims.
				const flow = await authorizeCode( context, testClient, {
					scope: testClient.scopes.join( ' ' ),
				} );
				const real = await redeem( flow );
				expect( real.scope ).toBe( tokens.scope );
				expect( lasting( decodeJwt( tokens.id_token ) ) ).toEqual(
					lasting( real.claims() as Record< string, unknown > )
				);
				expect( lasting( decodeJwt( tokens.access_token ) ) ).toEqual(
					lasting( decodeJwt( real.access_token ) )
				);
				const realUserinfo = await client.fetchUserInfo(
					flow.config,
					real.access_token,
					String( userId )
				);
				expect( shown.userinfo?.claims ).toEqual( realUserinfo );
				expect( consoleErrors ).toEqual( [] );
				await context.close();
			}
		);
	} finally {
		await removeMappings( [ mapped ] );
	}
} );

test( 'the built-in target without a live test session of this admin for this client is an error page', async () => {
	await withClient( { skip_consent: true }, async ( testClient ) => {
		await withClient( {}, async ( otherClient ) => {
			const request = await adminRequest();
			const start = await startTest( testClient.client_id );
			const url = new URL( start.authorize_url );

			// No session at all: a state nobody started.
			const unknown = new URL( url );
			unknown.searchParams.set( 'state', client.randomState() );
			await expectHtmlErrorPage(
				await request.get( unknown.href, { maxRedirects: 0 } )
			);

			// No state.
			const stateless = new URL( url );
			stateless.searchParams.delete( 'state' );
			await expectHtmlErrorPage(
				await request.get( stateless.href, { maxRedirects: 0 } )
			);

			// The session of another client.
			const foreignClient = new URL( url );
			foreignClient.searchParams.set(
				'client_id',
				otherClient.client_id
			);
			await expectHtmlErrorPage(
				await request.get( foreignClient.href, { maxRedirects: 0 } )
			);

			// Expired: the same request eleven minutes later.
			await expectHtmlErrorPage(
				await request.get( start.authorize_url, {
					maxRedirects: 0,
					headers: { 'X-Keystone-Test-Clock-Offset': '660' },
				} )
			);

			// Live: a code at the target, redeemed once by the result page.
			const live = await request.get( start.authorize_url, {
				maxRedirects: 0,
			} );
			expect( [ 302, 303 ] ).toContain( live.status() );
			const landing = new URL( live.headers().location ?? '' );
			expect( landing.href.startsWith( target() ) ).toBe( true );
			expect( landing.searchParams.get( 'code' ) ).toBeTruthy();
			const page = await request.get( landing.href );
			expect( page.status() ).toBe( 200 );
			expect( resultIn( await page.text() ).status ).toBe( 'success' );

			// Reused: the authorization URL again, and the result page again.
			await expectHtmlErrorPage(
				await request.get( start.authorize_url, { maxRedirects: 0 } )
			);
			const reloaded = resultIn(
				await ( await request.get( landing.href ) ).text()
			);
			expect( reloaded.status ).toBe( 'error' );
			expect( reloaded.error ).toBe( 'test_session_invalid' );
		} );
	} );
} );

test( 'another administrator and a non-admin cannot use an admin’s test session', async () => {
	await withClient( { skip_consent: true }, async ( testClient ) => {
		const start = await startTest( testClient.client_id );
		const otherAdmin = await createUser( 'administrator' );
		const member = await createUser( 'subscriber' );
		const users: WpUser[] = [ otherAdmin, member ];
		for ( const user of users ) {
			const request = await signedInRequest( user );
			await expectHtmlErrorPage(
				await request.get( start.authorize_url, { maxRedirects: 0 } )
			);
			await request.dispose();
		}
		// The session still works for the administrator who started it.
		const own = await (
			await adminRequest()
		).get( start.authorize_url, {
			maxRedirects: 0,
		} );
		expect( [ 302, 303 ] ).toContain( own.status() );
		const landing = own.headers().location ?? '';
		expect( landing.startsWith( target() ) ).toBe( true );

		// A non-admin can neither start a test nor open the result page.
		const subscriber = await restSession(
			member.username,
			member.password
		);
		const refused = await subscriber.post(
			testRoute( testClient.client_id )
		);
		expect( refused.status() ).toBe( 403 );
		expect( ( await refused.json() ).code ).toBe(
			'keystone_oidc_forbidden'
		);
		const resultPage = await subscriber.request.get( landing, {
			maxRedirects: 0,
		} );
		expect( resultPage.status() ).not.toBe( 200 );
		expect( await resultPage.text() ).not.toContain(
			'keystoneOidcTestSignIn'
		);
		await subscriber.dispose();

		// Signed out: refused as any admin REST call is.
		const anonymous = await fetch(
			`${ baseUrl() }/wp-json/${ testRoute( testClient.client_id ) }`,
			{ method: 'POST' }
		);
		expect( anonymous.status ).toBe( 401 );
	} );
} );

test( 'an unknown client cannot be tested', async () => {
	const response = await asAdmin( ( session ) =>
		session.post( testRoute( 'no-such-client' ) )
	);
	expect( response.status() ).toBe( 404 );
	expect( ( await response.json() ).code ).toBe(
		'keystone_oidc_client_not_found'
	);
} );

test( 'a client not allowed for the admin’s role shows the access_denied the client would get', async ( {
	browser,
} ) => {
	await withClient( { allowed_roles: [ 'editor' ] }, async ( testClient ) => {
		const context = await signedInBrowser( browser );
		const page = await context.newPage();
		await page.goto(
			screenUrl( 'keystone-oidc-new', {
				client_id: testClient.client_id,
			} )
		);
		await page
			.locator( '.keystone-oidc-test-sign-in' )
			.getByRole( 'button', { name: 'Test sign-in' } )
			.click();
		await expect( page ).toHaveURL( /page=keystone-oidc-test-sign-in/ );
		await expect( page.locator( '.keystone-oidc-test-error' ) ).toHaveText(
			'access_denied'
		);
		await expectAccessible( page );
		await screenshot( page, 'admin-test-sign-in-denied' );

		// The client itself, signing the same admin in, gets the same error.
		const config = await discover( testClient );
		const url = client.buildAuthorizationUrl( config, {
			redirect_uri: testClient.redirectUri,
			scope: testClient.scopes.join( ' ' ),
			state: client.randomState(),
			code_challenge: await client.calculatePKCECodeChallenge(
				client.randomPKCECodeVerifier()
			),
			code_challenge_method: 'S256',
		} );
		const back = await consent( context, url.href, testClient.redirectUri );
		expect( back.searchParams.get( 'error' ) ).toBe( 'access_denied' );
		await context.close();
	} );
} );
