/**
 * Signing out (OpenID Connect RP-Initiated Logout 1.0 and Back-Channel Logout 1.0): the end-session
 * endpoint signs the WordPress session out and returns to a registered URI only, asks the user
 * when the request is not proven, and every sign-out sends the session's clients a logout token.
 */
import type { APIResponse, BrowserContext } from '@playwright/test';
import { test, expect, createProfileUser } from './support/fixtures';
import {
	authorizeCode,
	client,
	redeem,
	signedInContext,
	signedInRequest,
	signIn,
	type Tokens,
} from './support/flow';
import { raw } from './support/http';
import { verifyLogoutToken } from './support/jwt';
import {
	endSessionUrl,
	hasWordPressSession,
	logOutEverywhere,
	startBackchannelReceiver,
	wordpressLogoutUrl,
	type BackchannelReceiver,
} from './support/logout';
import {
	callbackUri,
	createClient,
	endpoint,
	type ClientInput,
	type TestClient,
} from './support/provider';

const TRICKY_STATE = 'a+b&c=d%20e';

function signedOutUri(): string {
	return callbackUri( 'signed-out' );
}

function logoutClient( input: ClientInput = {} ): Promise< TestClient > {
	return createClient( {
		post_logout_redirect_uris: [ signedOutUri() ],
		...input,
	} );
}

function idTokenOf( tokens: Tokens ): string {
	expect( typeof tokens.id_token ).toBe( 'string' );
	return tokens.id_token as string;
}

function get(
	context: BrowserContext,
	parameters: Record< string, string >
): Promise< APIResponse > {
	return context.request.get( endSessionUrl( parameters ), {
		maxRedirects: 0,
	} );
}

async function expectSignOutErrorPage(
	response: APIResponse,
	error: string
): Promise< void > {
	const body = await response.text();
	// Says which way it failed: a redirect to the post-logout URI means the endpoint saw nobody
	// signed in (the session behind the cookie was gone before the request), not a nonce accepted.
	const seen = `${ response.status() } location=${
		response.headers().location ?? '-'
	} ${ body.slice( 0, 300 ) }`;
	expect( response.status(), seen ).toBe( 400 );
	expect( response.headers().location, seen ).toBeUndefined();
	expect( response.headers()[ 'content-type' ] ).toMatch( /^text\/html/ );
	expect( body ).toContain( `<code>${ error }</code>` );
}

async function expectConfirmationPage(
	response: APIResponse
): Promise< void > {
	expect( response.status() ).toBe( 200 );
	expect( response.headers().location ).toBeUndefined();
	expect( response.headers()[ 'content-type' ] ).toMatch( /^text\/html/ );
	expect( response.headers()[ 'x-frame-options' ] ).toBe( 'DENY' );
	expect( response.headers()[ 'content-security-policy' ] ).toContain(
		"frame-ancestors 'none'"
	);
	const body = await response.text();
	expect( body ).toContain( 'name="_wpnonce"' );
	expect( body ).not.toContain( '<script' );
}

test.describe( 'RP-initiated logout', () => {
	test( 'discovery announces the end-session endpoint and back-channel logout with sid', async () => {
		const response = await raw( 'discovery' );
		expect( response.status ).toBe( 200 );
		expect( response.json.end_session_endpoint ).toBe(
			endpoint( 'endSession' )
		);
		expect( response.json.frontchannel_logout_supported ).toBe( false );
		expect( response.json.backchannel_logout_supported ).toBe( true );
		expect( response.json.backchannel_logout_session_supported ).toBe(
			true
		);
		expect( response.json.claims_supported ).toContain( 'sid' );
	} );

	test( 'a valid id_token_hint signs the WordPress session out and returns to the registered URI with the state intact', async ( {
		signedIn,
		user,
	} ) => {
		const testClient = await logoutClient();
		const { tokens } = await signIn( signedIn, testClient );
		const cookies = await signedIn.storageState();

		const response = await get( signedIn, {
			id_token_hint: idTokenOf( tokens ),
			post_logout_redirect_uri: signedOutUri(),
			state: TRICKY_STATE,
		} );
		expect( response.status() ).toBe( 302 );
		const location = response.headers().location ?? '';
		expect( location ).toBe(
			`${ signedOutUri() }?state=${ encodeURIComponent( TRICKY_STATE ) }`
		);
		expect( new URL( location ).searchParams.get( 'state' ) ).toBe(
			TRICKY_STATE
		);
		expect( await hasWordPressSession( cookies ) ).toBe( false );

		const claims = tokens.claims();
		expect( claims?.sub ).toBe( String( user.id ) );
	} );

	test( 'a POST with the same parameters works like the GET', async ( {
		signedIn,
	} ) => {
		const testClient = await logoutClient();
		const { tokens } = await signIn( signedIn, testClient );
		const cookies = await signedIn.storageState();
		const response = await signedIn.request.post(
			endpoint( 'endSession' ),
			{
				form: {
					id_token_hint: idTokenOf( tokens ),
					client_id: testClient.client_id,
					post_logout_redirect_uri: signedOutUri(),
					state: 'xyz',
				},
				maxRedirects: 0,
			}
		);
		expect( response.status() ).toBe( 303 );
		expect( response.headers().location ).toBe(
			`${ signedOutUri() }?state=xyz`
		);
		expect( await hasWordPressSession( cookies ) ).toBe( false );
	} );

	test( 'without a post_logout_redirect_uri the user sees a signed-out page', async ( {
		signedIn,
	} ) => {
		const testClient = await logoutClient();
		const { tokens } = await signIn( signedIn, testClient );
		const cookies = await signedIn.storageState();
		const response = await get( signedIn, {
			id_token_hint: idTokenOf( tokens ),
			ui_locales: 'en-US de',
		} );
		expect( response.status() ).toBe( 200 );
		expect( response.headers().location ).toBeUndefined();
		expect( response.headers()[ 'x-frame-options' ] ).toBe( 'DENY' );
		expect( await response.text() ).toContain( 'You are signed out' );
		expect( await hasWordPressSession( cookies ) ).toBe( false );
	} );

	test( 'an unregistered post_logout_redirect_uri → HTML 400 invalid_request, no redirect, still signed in', async ( {
		signedIn,
	} ) => {
		const testClient = await logoutClient();
		const { tokens } = await signIn( signedIn, testClient );
		const cookies = await signedIn.storageState();
		const response = await get( signedIn, {
			id_token_hint: idTokenOf( tokens ),
			post_logout_redirect_uri: `${ signedOutUri() }/elsewhere`,
			state: TRICKY_STATE,
		} );
		await expectSignOutErrorPage( response, 'invalid_request' );
		expect( await response.text() ).not.toContain( signedOutUri() );
		expect( await hasWordPressSession( cookies ) ).toBe( true );
	} );

	test( 'a post_logout_redirect_uri registered for another client → HTML 400 invalid_request', async ( {
		signedIn,
	} ) => {
		const other = await createClient( {
			post_logout_redirect_uris: [ callbackUri( 'other-bye' ) ],
		} );
		const testClient = await logoutClient();
		const { tokens } = await signIn( signedIn, testClient );
		const response = await get( signedIn, {
			id_token_hint: idTokenOf( tokens ),
			post_logout_redirect_uri: callbackUri( 'other-bye' ),
		} );
		expect( other.client_id ).not.toBe( testClient.client_id );
		await expectSignOutErrorPage( response, 'invalid_request' );
	} );

	test( 'a post_logout_redirect_uri with no client named → HTML 400 invalid_request', async ( {
		signedIn,
	} ) => {
		await logoutClient();
		const response = await get( signedIn, {
			post_logout_redirect_uri: signedOutUri(),
		} );
		await expectSignOutErrorPage( response, 'invalid_request' );
	} );

	test( 'an unknown client_id → HTML 400 invalid_client', async ( {
		signedIn,
	} ) => {
		const response = await get( signedIn, {
			client_id: 'no-such-client',
			post_logout_redirect_uri: signedOutUri(),
		} );
		await expectSignOutErrorPage( response, 'invalid_client' );
	} );

	test( 'a client_id the hint was not issued to → HTML 400 invalid_request', async ( {
		signedIn,
	} ) => {
		const testClient = await logoutClient();
		const other = await logoutClient();
		const { tokens } = await signIn( signedIn, testClient );
		const response = await get( signedIn, {
			id_token_hint: idTokenOf( tokens ),
			client_id: other.client_id,
			post_logout_redirect_uri: signedOutUri(),
		} );
		await expectSignOutErrorPage( response, 'invalid_request' );
	} );

	test( 'a repeated parameter → HTML 400 invalid_request', async ( {
		signedIn,
	} ) => {
		const testClient = await logoutClient();
		const url = new URL( endpoint( 'endSession' ) );
		url.searchParams.append( 'client_id', testClient.client_id );
		url.searchParams.append( 'state', 'one' );
		url.searchParams.append( 'state', 'two' );
		const response = await signedIn.request.get( url.href, {
			maxRedirects: 0,
		} );
		await expectSignOutErrorPage( response, 'invalid_request' );
	} );

	test( 'a request without a hint asks first, and the confirmed form signs out and returns with the state', async ( {
		signedIn,
	} ) => {
		const testClient = await logoutClient();
		await signIn( signedIn, testClient );
		const cookies = await signedIn.storageState();
		const parameters = {
			client_id: testClient.client_id,
			post_logout_redirect_uri: signedOutUri(),
			state: TRICKY_STATE,
		};
		await expectConfirmationPage( await get( signedIn, parameters ) );
		expect( await hasWordPressSession( cookies ) ).toBe( true );

		const page = await signedIn.newPage();
		await page.route(
			( url ) => url.href.startsWith( signedOutUri() ),
			( route ) => route.fulfill( { status: 200, body: 'signed out' } )
		);
		const returned = page.waitForRequest( ( request ) =>
			request.url().startsWith( signedOutUri() )
		);
		await page.goto( endSessionUrl( parameters ) );
		await expect( page.getByText( testClient.name ) ).toBeVisible();
		await page.getByRole( 'button', { name: 'Sign out' } ).click();
		const back = new URL( ( await returned ).url() );
		await page.close();
		expect( `${ back.origin }${ back.pathname }` ).toBe( signedOutUri() );
		expect( back.searchParams.get( 'state' ) ).toBe( TRICKY_STATE );
		expect( await hasWordPressSession( cookies ) ).toBe( false );
	} );

	test( 'an id_token_hint that does not verify only makes the user confirm', async ( {
		signedIn,
	} ) => {
		const testClient = await logoutClient();
		const { tokens } = await signIn( signedIn, testClient );
		const cookies = await signedIn.storageState();
		const [ header, payload, signature ] = idTokenOf( tokens ).split( '.' );
		const tampered = `${ header }.${ payload }.${
			signature?.startsWith( 'A' ) ? 'B' : 'A'
		}${ signature?.slice( 1 ) }`;
		const response = await get( signedIn, {
			id_token_hint: tampered,
			client_id: testClient.client_id,
			post_logout_redirect_uri: signedOutUri(),
		} );
		await expectConfirmationPage( response );
		expect( await hasWordPressSession( cookies ) ).toBe( true );
	} );

	test( "another user's id_token_hint only makes the signed-in user confirm", async ( {
		browser,
		signedIn,
	} ) => {
		const testClient = await logoutClient();
		const other = await createProfileUser();
		const otherContext = await signedInContext( browser, other );
		const { tokens: otherTokens } = await signIn(
			otherContext,
			testClient
		);
		await otherContext.close();
		const cookies = await signedIn.storageState();
		const response = await get( signedIn, {
			id_token_hint: idTokenOf( otherTokens ),
			post_logout_redirect_uri: signedOutUri(),
		} );
		await expectConfirmationPage( response );
		expect( await hasWordPressSession( cookies ) ).toBe( true );
	} );

	test( 'a confirmation with a forged nonce → HTML 400 invalid_request, still signed in', async () => {
		const testClient = await logoutClient();
		// A user of its own, signed in only here: the worker's shared user has its WordPress
		// sessions rewritten by every other test of the worker (one session_tokens value per
		// user), so "still signed in" must not depend on what they left behind.
		const person = await createProfileUser();
		const session = await signedInRequest( person );
		try {
			const cookies = await session.storageState();
			// Checked before as well as after: a session missing before the request is a sign-in
			// problem, one missing only after it would be the endpoint signing out.
			expect(
				await hasWordPressSession( cookies ),
				'signed in before the forged confirmation'
			).toBe( true );
			const response = await session.post( endpoint( 'endSession' ), {
				form: {
					_wpnonce: 'forged',
					client_id: testClient.client_id,
					post_logout_redirect_uri: signedOutUri(),
				},
				maxRedirects: 0,
			} );
			await expectSignOutErrorPage( response, 'invalid_request' );
			expect( await hasWordPressSession( cookies ) ).toBe( true );
		} finally {
			await session.dispose();
		}
	} );

	test( 'nobody signed in: straight back to the registered URI', async ( {
		browser,
	} ) => {
		const testClient = await logoutClient();
		const context = await browser.newContext();
		const response = await get( context, {
			client_id: testClient.client_id,
			post_logout_redirect_uri: signedOutUri(),
			state: 's',
		} );
		await context.close();
		expect( response.status() ).toBe( 302 );
		expect( response.headers().location ).toBe(
			`${ signedOutUri() }?state=s`
		);
	} );
} );

test.describe( 'back-channel logout', () => {
	let receiver: BackchannelReceiver;

	test.beforeEach( async () => {
		receiver = await startBackchannelReceiver();
	} );

	test.afterEach( async () => {
		await receiver.close();
	} );

	test( "signing out of WordPress sends the session's client a logout token and revokes its refresh token", async ( {
		signedIn,
		user,
	} ) => {
		const testClient = await createClient( {
			backchannel_logout_uri: receiver.uri,
		} );
		const bystander = await createClient( {
			backchannel_logout_uri: receiver.uri,
		} );
		const { flow, tokens } = await signIn( signedIn, testClient );
		const sid = tokens.claims()?.sid;
		expect( typeof sid, 'the ID token carries sid' ).toBe( 'string' );

		const logout = await signedIn.request.get(
			await wordpressLogoutUrl( signedIn.request ),
			{ maxRedirects: 0 }
		);
		expect( logout.status() ).toBe( 302 );

		const delivery = await receiver.next();
		expect( delivery.contentType ).toContain(
			'application/x-www-form-urlencoded'
		);
		expect( delivery.logoutToken ).toBeTruthy();
		const payload = await verifyLogoutToken( delivery.logoutToken, {
			clientId: testClient.client_id,
			userId: user.id,
			sid: sid as string,
		} );
		expect( payload.aud ).not.toBe( bystander.client_id );
		expect( receiver.deliveries ).toHaveLength( 1 );

		const refresh = await client
			.refreshTokenGrant( flow.config, tokens.refresh_token as string )
			.then(
				() => null,
				( error: unknown ) => error
			);
		expect( refresh ).toBeInstanceOf( client.ResponseBodyError );
		expect( ( refresh as client.ResponseBodyError ).status ).toBe( 400 );
		expect( ( refresh as client.ResponseBodyError ).error ).toBe(
			'invalid_grant'
		);
	} );

	test( 'RP-initiated logout reaches the back channel too, and a refreshed token keeps the sid', async ( {
		signedIn,
	} ) => {
		const testClient = await logoutClient( {
			backchannel_logout_uri: receiver.uri,
		} );
		const { flow, tokens } = await signIn( signedIn, testClient );
		const refreshed = await client.refreshTokenGrant(
			flow.config,
			tokens.refresh_token as string
		);
		const sid = tokens.claims()?.sid;
		expect( refreshed.claims()?.sid ).toBe( sid );

		const response = await get( signedIn, {
			id_token_hint: idTokenOf( refreshed ),
			post_logout_redirect_uri: signedOutUri(),
		} );
		expect( response.status() ).toBe( 302 );
		await verifyLogoutToken( ( await receiver.next() ).logoutToken, {
			clientId: testClient.client_id,
			sid: sid as string,
		} );
	} );

	test( 'an administrator logging the user out everywhere reaches every session’s client', async ( {
		browser,
	} ) => {
		const person = await createProfileUser();
		const testClient = await createClient( {
			backchannel_logout_uri: receiver.uri,
		} );
		const first = await signedInContext( browser, person );
		const second = await signedInContext( browser, person );
		const one = await signIn( first, testClient );
		const two = await signIn( second, testClient );
		await first.close();
		await second.close();
		const sids = [ one.tokens.claims()?.sid, two.tokens.claims()?.sid ];
		expect( sids[ 0 ] ).not.toBe( sids[ 1 ] );

		await logOutEverywhere( person.id );

		const received: unknown[] = [];
		while ( received.length < sids.length ) {
			const delivery = await receiver.next();
			const payload = await verifyLogoutToken( delivery.logoutToken, {
				clientId: testClient.client_id,
				userId: person.id,
			} );
			received.push( payload.sid );
		}
		expect( received.sort() ).toEqual( [ ...sids ].sort() );
	} );

	test( 'a code issued in the session and redeemed after the sign-out → invalid_grant', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient();
		const flow = await authorizeCode( signedIn, testClient );
		const logout = await signedIn.request.get(
			await wordpressLogoutUrl( signedIn.request ),
			{ maxRedirects: 0 }
		);
		expect( logout.status() ).toBe( 302 );
		const failure = await redeem( flow ).then(
			() => null,
			( error: unknown ) => error
		);
		expect( failure ).toBeInstanceOf( client.ResponseBodyError );
		expect( ( failure as client.ResponseBodyError ).status ).toBe( 400 );
		expect( ( failure as client.ResponseBodyError ).error ).toBe(
			'invalid_grant'
		);
	} );

	test( 'offline_access keeps its refresh token usable after the sign-out', async ( {
		signedIn,
	} ) => {
		const testClient = await logoutClient( {
			scopes: [ 'openid', 'profile', 'offline_access' ],
			backchannel_logout_uri: receiver.uri,
		} );
		const { flow, tokens } = await signIn( signedIn, testClient, {
			scope: 'openid offline_access',
		} );
		const response = await get( signedIn, {
			id_token_hint: idTokenOf( tokens ),
		} );
		expect( response.status() ).toBe( 200 );
		await receiver.next();
		const refreshed = await client.refreshTokenGrant(
			flow.config,
			tokens.refresh_token as string
		);
		expect( typeof refreshed.access_token ).toBe( 'string' );
	} );
} );

test( 'a back-channel URI on a loopback host the site did not allow gets no logout token', async ( {
	signedIn,
} ) => {
	// `localhost` reaches the same loopback listener as 127.0.0.1, but is not among the site's
	// keystone_oidc_allowed_internal_hosts (the test must-use plugin allows 127.0.0.1 only): the
	// provider must not become a way to reach its own machine or network (SSRF). The test sites'
	// WP_HTTP_BLOCK_EXTERNAL lets localhost through, so only the provider's rule can stop it.
	const internal = await startBackchannelReceiver( { uriHost: 'localhost' } );
	const allowed = await startBackchannelReceiver();
	try {
		const refused = await createClient( {
			backchannel_logout_uri: internal.uri,
		} );
		const delivered = await createClient( {
			backchannel_logout_uri: allowed.uri,
		} );
		// Both clients sign in in the same WordPress session, so one sign-out sends both tokens.
		await signIn( signedIn, refused );
		await signIn( signedIn, delivered );
		const logout = await signedIn.request.get(
			await wordpressLogoutUrl( signedIn.request ),
			{ maxRedirects: 0 }
		);
		expect( logout.status() ).toBe( 302 );
		const delivery = await allowed.next();
		await verifyLogoutToken( delivery.logoutToken, {
			clientId: delivered.client_id,
		} );
		// Deliveries leave together after the response; give a stray one time to land.
		await new Promise( ( resolve ) => setTimeout( resolve, 2000 ) );
		expect( internal.deliveries ).toEqual( [] );
	} finally {
		await internal.close();
		await allowed.close();
	}
} );

test( 'a client that never answers delays the sign-out by no more than the delivery timeout', async ( {
	signedIn,
} ) => {
	const hanging = await startBackchannelReceiver( { hang: true } );
	try {
		const testClient = await logoutClient( {
			backchannel_logout_uri: hanging.uri,
		} );
		const { tokens } = await signIn( signedIn, testClient );
		const cookies = await signedIn.storageState();
		const started = Date.now();
		const response = await get( signedIn, {
			id_token_hint: idTokenOf( tokens ),
			post_logout_redirect_uri: signedOutUri(),
		} );
		const took = Date.now() - started;
		expect( response.status() ).toBe( 302 );
		expect( took, `the sign-out took ${ took } ms` ).toBeLessThan( 6000 );
		await hanging.next();
		expect( await hasWordPressSession( cookies ) ).toBe( false );
	} finally {
		await hanging.close();
	}
} );
