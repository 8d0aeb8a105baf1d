/**
 * The authorization endpoint: a full browser sign-in, and every rule's failing case. Before the
 * client and its redirect URI are proven, errors are an HTML page with no redirect; after, a
 * redirect to the client carrying `error`, `state` and `iss`.
 */
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { request as playwrightRequest } from '@playwright/test';
import { baseUrl } from '../support/env';
import { test, expect } from './support/fixtures';
import {
	authorizeCode,
	client,
	consent,
	discover,
	redeem,
	signedInContext,
	signedInRequest,
} from './support/flow';
import { verifyAccessToken, verifyIdToken } from './support/jwt';
import {
	callbackUri,
	createClient,
	endpoint,
	issuer,
	type TestClient,
} from './support/provider';

const TRICKY_STATE = 'a+b&c=d%20e';

function authorizeUrl( parameters: Record< string, string > ): string {
	const url = new URL( endpoint( 'authorize' ) );
	for ( const [ key, value ] of Object.entries( parameters ) ) {
		url.searchParams.set( key, value );
	}
	return url.href;
}

function validParameters(
	testClient: TestClient,
	overrides: Record< string, string > = {}
): Record< string, string > {
	return {
		response_type: 'code',
		client_id: testClient.client_id,
		redirect_uri: testClient.redirectUri,
		scope: 'openid profile',
		state: TRICKY_STATE,
		nonce: 'n-0S6_WzA2Mj',
		code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
		code_challenge_method: 'S256',
		...overrides,
	};
}

async function get(
	context: APIRequestContext,
	parameters: Record< string, string >,
	headers: Record< string, string > = {}
): Promise< APIResponse > {
	return context.get( authorizeUrl( parameters ), {
		maxRedirects: 0,
		headers,
	} );
}

/**
 * An error redirect to the client: exactly the registered URI, with the error code, the state
 * intact and the issuer.
 */
function expectErrorRedirect(
	response: APIResponse,
	testClient: TestClient,
	error: string,
	state: string | null = TRICKY_STATE
): URL {
	// Every caller sends GET, so exactly 302 (303 answers only a POST, RFC 9700 §4.12).
	expect( response.status(), response.url() ).toBe( 302 );
	const location = new URL( response.headers().location ?? '' );
	expect( `${ location.origin }${ location.pathname }` ).toBe(
		testClient.redirectUri
	);
	expect( location.searchParams.get( 'error' ), location.href ).toBe( error );
	expect( location.searchParams.get( 'code' ) ).toBeNull();
	expect( location.searchParams.get( 'state' ) ).toBe( state );
	expect( location.searchParams.get( 'iss' ) ).toBe( issuer() );
	return location;
}

async function expectHtmlErrorPage( response: APIResponse ): Promise< void > {
	expect( response.status() ).toBe( 400 );
	expect( response.headers().location ).toBeUndefined();
	expect( response.headers()[ 'content-type' ] ).toMatch( /^text\/html/ );
	const body = await response.text();
	expect( body ).not.toContain( callbackUri() );
}

test( 'a signed-out user signs in through WordPress, allows, and the client gets verified tokens', async ( {
	browser,
	user,
} ) => {
	const testClient = await createClient();
	const config = await discover( testClient );
	const nonce = client.randomNonce();
	const verifier = client.randomPKCECodeVerifier();
	const url = client.buildAuthorizationUrl( config, {
		redirect_uri: testClient.redirectUri,
		scope: 'openid profile email',
		state: TRICKY_STATE,
		nonce,
		code_challenge: await client.calculatePKCECodeChallenge( verifier ),
		code_challenge_method: 'S256',
	} );

	const context = await browser.newContext();
	const page = await context.newPage();
	await page.route(
		( target ) => target.href.startsWith( testClient.redirectUri ),
		( route ) => route.fulfill( { status: 200, body: 'callback' } )
	);
	const callback = page.waitForRequest( ( request ) =>
		request.url().startsWith( testClient.redirectUri )
	);
	await page.goto( url.href );
	await expect( page ).toHaveURL( /\/wp-login\.php/ );
	await page.locator( '#user_login' ).fill( user.username );
	await page.locator( '#user_pass' ).fill( user.password );
	await page.locator( '#wp-submit' ).click();
	await expect( page ).toHaveURL( ( current ) =>
		current.href.startsWith( endpoint( 'authorize' ) )
	);
	await expect(
		page.getByRole( 'button', { name: 'Deny', exact: true } )
	).toBeVisible();
	await page.getByRole( 'button', { name: 'Allow', exact: true } ).click();
	const callbackUrl = new URL( ( await callback ).url() );
	await context.close();

	expect( callbackUrl.searchParams.get( 'state' ) ).toBe( TRICKY_STATE );
	expect( callbackUrl.searchParams.get( 'iss' ) ).toBe( issuer() );
	const tokens = await client.authorizationCodeGrant( config, callbackUrl, {
		expectedState: TRICKY_STATE,
		expectedNonce: nonce,
		pkceCodeVerifier: verifier,
	} );
	expect( tokens.token_type.toLowerCase() ).toBe( 'bearer' );
	const idToken = await verifyIdToken( tokens.id_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		nonce,
		accessToken: tokens.access_token,
	} );
	expect( tokens.claims()?.sub ).toBe( String( user.id ) );
	expect( idToken.email ).toBe( user.email );
	await verifyAccessToken( tokens.access_token, {
		clientId: testClient.client_id,
		userId: user.id,
		scope: 'openid profile email',
	} );
} );

test( 'a signed-out request goes to wp-login.php and redirect_to brings it back intact', async () => {
	const testClient = await createClient();
	const parameters = validParameters( testClient );
	const anonymous = await playwrightRequest.newContext();
	const response = await get( anonymous, parameters );
	await anonymous.dispose();
	expect( response.status() ).toBe( 302 );
	const login = new URL( response.headers().location ?? '' );
	expect( `${ login.origin }${ login.pathname }` ).toBe(
		`${ baseUrl() }/wp-login.php`
	);
	const back = new URL( login.searchParams.get( 'redirect_to' ) ?? '' );
	expect( `${ back.origin }${ back.pathname }`.replace( /\/$/, '' ) ).toBe(
		endpoint( 'authorize' )
	);
	expect( Object.fromEntries( back.searchParams ) ).toEqual( parameters );
} );

test( 'POST to the authorization endpoint shows the consent page like GET', async ( {
	user,
} ) => {
	const testClient = await createClient();
	const context = await signedInRequest( user );
	const response = await context.post( endpoint( 'authorize' ), {
		form: validParameters( testClient ),
		maxRedirects: 0,
	} );
	expect( response.status() ).toBe( 200 );
	expect( response.headers()[ 'content-type' ] ).toMatch( /^text\/html/ );
	await context.dispose();
} );

test( 'Deny sends access_denied back to the client with the state and iss', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const callbackUrl = await consent(
		signedIn,
		authorizeUrl( validParameters( testClient ) ),
		testClient.redirectUri,
		'Deny'
	);
	expect( callbackUrl.searchParams.get( 'error' ) ).toBe( 'access_denied' );
	expect( callbackUrl.searchParams.get( 'code' ) ).toBeNull();
	expect( callbackUrl.searchParams.get( 'state' ) ).toBe( TRICKY_STATE );
	expect( callbackUrl.searchParams.get( 'iss' ) ).toBe( issuer() );
} );

test( 'a state of a+b&c=d%20e comes back intact with the code', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const flow = await authorizeCode( signedIn, testClient, {
		state: TRICKY_STATE,
	} );
	expect( flow.callbackUrl.searchParams.get( 'state' ) ).toBe( TRICKY_STATE );
	const tokens = await redeem( flow );
	expect( tokens.access_token ).toBeTruthy();
} );

test( 'the consent page cannot be framed', async ( { user } ) => {
	const testClient = await createClient();
	const context = await signedInRequest( user );
	const response = await get( context, validParameters( testClient ) );
	await context.dispose();
	expect( response.status() ).toBe( 200 );
	const headers = response.headers();
	expect( headers[ 'x-frame-options' ] ).toBe( 'DENY' );
	expect( headers[ 'content-security-policy' ] ?? '' ).toMatch(
		/frame-ancestors 'none'/
	);
} );

test( 'a consent form posted with a forged CSRF nonce issues no code', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const page = await signedIn.newPage();
	let callbackReached = false;
	await page.route(
		( target ) => target.href.startsWith( testClient.redirectUri ),
		( route ) => {
			callbackReached = true;
			return route.fulfill( { status: 200, body: 'callback' } );
		}
	);
	// Whichever form is on screen (the PHP one or the React app's), what it posts is rewritten on
	// the way out, the way a cross-site attacker without the nonce would have to send it.
	let forged = false;
	await page.route(
		( target ) => target.href.startsWith( endpoint( 'authorize' ) ),
		( route ) => {
			const request = route.request();
			if ( request.method() !== 'POST' ) {
				return route.continue();
			}
			const form = new URLSearchParams( request.postData() ?? '' );
			expect(
				form.get( '_wpnonce' ),
				'the form carries a nonce'
			).toBeTruthy();
			form.set( '_wpnonce', 'forged0000' );
			forged = true;
			return route.continue( { postData: form.toString() } );
		}
	);
	await page.goto( authorizeUrl( validParameters( testClient ) ) );
	const [ answer ] = await Promise.all( [
		page.waitForResponse(
			( response ) =>
				response.request().method() === 'POST' &&
				response.url().startsWith( endpoint( 'authorize' ) )
		),
		page.getByRole( 'button', { name: 'Allow', exact: true } ).click(),
	] );
	expect( forged ).toBe( true );
	expect( answer.status() ).toBe( 400 );
	expect( answer.headers().location ).toBeUndefined();
	expect( answer.headers()[ 'content-type' ] ).toMatch( /^text\/html/ );
	expect( callbackReached ).toBe( false );
	await page.close();
} );

test.describe( 'before the client and redirect URI are proven: an HTML 400 page, no redirect', () => {
	test( 'unknown client_id', async ( { user } ) => {
		const testClient = await createClient();
		const context = await signedInRequest( user );
		await expectHtmlErrorPage(
			await get(
				context,
				validParameters( testClient, { client_id: 'no-such-client' } )
			)
		);
		await context.dispose();
	} );

	test( 'missing client_id', async ( { user } ) => {
		const testClient = await createClient();
		const parameters = validParameters( testClient );
		delete parameters.client_id;
		const context = await signedInRequest( user );
		await expectHtmlErrorPage( await get( context, parameters ) );
		await context.dispose();
	} );

	for ( const [ label, variant ] of [
		[ 'an unregistered redirect_uri', 'http://127.0.0.1:65011/elsewhere' ],
		[ 'a longer path', `${ callbackUri() }/more` ],
		[ 'an added query', `${ callbackUri() }?x=1` ],
		[ 'another host', 'http://localhost:65010/callback' ],
		[ 'another scheme', 'https://127.0.0.1:65010/callback' ],
		[ 'another case in the path', 'http://127.0.0.1:65010/Callback' ],
		[ 'a trailing slash', `${ callbackUri() }/` ],
	] as const ) {
		test( `redirect_uri that is not an exact match: ${ label }`, async ( {
			user,
		} ) => {
			const testClient = await createClient();
			const context = await signedInRequest( user );
			await expectHtmlErrorPage(
				await get(
					context,
					validParameters( testClient, { redirect_uri: variant } )
				)
			);
			await context.dispose();
		} );
	}

	test( 'an https redirect_uri with another port (only loopback IPs get RFC 8252 latitude)', async ( {
		user,
	} ) => {
		const testClient = await createClient( {
			redirect_uris: [ 'https://rp.example.test/callback' ],
		} );
		const context = await signedInRequest( user );
		await expectHtmlErrorPage(
			await get(
				context,
				validParameters( testClient, {
					redirect_uri: 'https://rp.example.test:8443/callback',
				} )
			)
		);
		await context.dispose();
	} );

	test( 'a redirect_uri registered to another client', async ( { user } ) => {
		const testClient = await createClient();
		const other = await createClient( {
			redirect_uris: [ callbackUri( 'other' ) ],
		} );
		const context = await signedInRequest( user );
		await expectHtmlErrorPage(
			await get(
				context,
				validParameters( testClient, {
					redirect_uri: other.redirectUri,
				} )
			)
		);
		await context.dispose();
	} );
} );

test.describe( 'after the client is proven: an error redirect with state and iss', () => {
	test( 'response_type other than code → unsupported_response_type', async ( {
		user,
	} ) => {
		const testClient = await createClient();
		const context = await signedInRequest( user );
		for ( const responseType of [ 'token', 'id_token', 'code token' ] ) {
			expectErrorRedirect(
				await get(
					context,
					validParameters( testClient, {
						response_type: responseType,
					} )
				),
				testClient,
				'unsupported_response_type'
			);
		}
		await context.dispose();
	} );

	test( 'a scope without openid → invalid_scope', async ( { user } ) => {
		const testClient = await createClient();
		const context = await signedInRequest( user );
		expectErrorRedirect(
			await get(
				context,
				validParameters( testClient, { scope: 'profile email' } )
			),
			testClient,
			'invalid_scope'
		);
		await context.dispose();
	} );

	// PKCE (RFC 7636, RFC 9700 §2.1.1): S256 only, and required of public clients. Each case
	// changes the valid request one way and must be refused with invalid_request.
	const pkceFailures: {
		title: string;
		type?: 'public';
		change: ( parameters: Record< string, string > ) => void;
	}[] = [
		{
			title: 'a public client without PKCE → invalid_request',
			type: 'public',
			change: ( parameters ) => {
				delete parameters.code_challenge;
				delete parameters.code_challenge_method;
			},
		},
		{
			title: 'an unsupported code_challenge_method → invalid_request',
			change: ( parameters ) => {
				parameters.code_challenge_method = 'S512';
			},
		},
		{
			title: 'code_challenge_method=plain → invalid_request (RFC 9700 §2.1.1: S256 only)',
			change: ( parameters ) => {
				// A valid plain challenge (43 unreserved characters): refused for its method alone.
				parameters.code_challenge =
					'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
				parameters.code_challenge_method = 'plain';
			},
		},
		{
			title: 'a code_challenge without code_challenge_method → invalid_request (no plain default)',
			change: ( parameters ) => {
				delete parameters.code_challenge_method;
			},
		},
	];
	for ( const failure of pkceFailures ) {
		test( failure.title, async ( { user } ) => {
			const testClient = await createClient(
				failure.type ? { type: failure.type } : {}
			);
			const parameters = validParameters( testClient );
			failure.change( parameters );
			const context = await signedInRequest( user );
			expectErrorRedirect(
				await get( context, parameters ),
				testClient,
				'invalid_request'
			);
			await context.dispose();
		} );
	}

	test( 'prompt=none while signed out → login_required', async () => {
		const testClient = await createClient();
		const anonymous = await playwrightRequest.newContext();
		expectErrorRedirect(
			await get(
				anonymous,
				validParameters( testClient, { prompt: 'none' } )
			),
			testClient,
			'login_required'
		);
		await anonymous.dispose();
	} );

	test( 'an error with no state sent carries no state', async ( {
		user,
	} ) => {
		const testClient = await createClient();
		const parameters = validParameters( testClient, {
			response_type: 'token',
		} );
		delete parameters.state;
		const context = await signedInRequest( user );
		expectErrorRedirect(
			await get( context, parameters ),
			testClient,
			'unsupported_response_type',
			null
		);
		await context.dispose();
	} );
} );

test( 'a scope the client is not allowed is never granted', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient( {
		scopes: [ 'openid', 'profile' ],
	} );
	const config = await discover( testClient );
	const state = client.randomState();
	const nonce = client.randomNonce();
	const url = client.buildAuthorizationUrl( config, {
		redirect_uri: testClient.redirectUri,
		scope: 'openid profile email',
		state,
		nonce,
	} );
	const context = await signedInRequest( user );
	const first = await get(
		context,
		Object.fromEntries( new URL( url ).searchParams )
	);
	await context.dispose();
	if ( first.status() !== 200 ) {
		// Refusing the request outright is allowed; it must then say why.
		expectErrorRedirect( first, testClient, 'invalid_scope', state );
		return;
	}
	const callbackUrl = await consent(
		signedIn,
		url.href,
		testClient.redirectUri
	);
	const code = callbackUrl.searchParams.get( 'code' );
	expect( code ).toBeTruthy();
	const tokens = await client.authorizationCodeGrant( config, callbackUrl, {
		expectedState: state,
		expectedNonce: nonce,
	} );
	expect( ( tokens.scope ?? '' ).split( ' ' ) ).not.toContain( 'email' );
	const accessToken = await verifyAccessToken( tokens.access_token, {
		clientId: testClient.client_id,
		userId: user.id,
		scope: 'openid profile',
	} );
	expect( accessToken.scope ).not.toContain( 'email' );
	expect( tokens.claims() ).not.toHaveProperty( 'email' );
	const userinfo = await client.fetchUserInfo(
		config,
		tokens.access_token,
		String( user.id )
	);
	expect( userinfo ).not.toHaveProperty( 'email' );
	expect( userinfo ).not.toHaveProperty( 'email_verified' );
} );

test( 'auth_time is when the user signed in to WordPress', async ( {
	browser,
	user,
} ) => {
	const before = Math.floor( Date.now() / 1000 );
	const context = await signedInContext( browser, user );
	const after = Math.ceil( Date.now() / 1000 );
	const testClient = await createClient();
	const flow = await authorizeCode( context, testClient );
	const tokens = await redeem( flow );
	await context.close();
	const authTime = tokens.claims()?.auth_time as number;
	expect( authTime ).toBeGreaterThanOrEqual( before - 1 );
	expect( authTime ).toBeLessThanOrEqual( after + 1 );
} );

test.describe( 'the consent decision is bound to the user, the session and one use', () => {
	test( 'another user cannot answer a pending consent request', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient();
		const page = await signedIn.newPage();
		let captured = '';
		await page.route(
			( target ) => target.href.startsWith( endpoint( 'authorize' ) ),
			( route ) => {
				if ( route.request().method() !== 'POST' ) {
					return route.continue();
				}
				captured = route.request().postData() ?? '';
				return route.abort();
			}
		);
		await page.goto( authorizeUrl( validParameters( testClient ) ) );
		await page
			.getByRole( 'button', { name: 'Allow', exact: true } )
			.click();
		await expect.poll( () => captured ).toContain( 'decision=allow' );
		await page.close();

		const { createProfileUser } = await import( './support/fixtures' );
		const intruder = await createProfileUser();
		const other = await signedInRequest( intruder );
		const response = await other.post( endpoint( 'authorize' ), {
			data: captured,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			maxRedirects: 0,
		} );
		expect( response.status() ).toBe( 400 );
		expect( response.headers().location ).toBeUndefined();
		expect( response.headers()[ 'content-type' ] ).toMatch( /^text\/html/ );
		await other.dispose();
	} );

	test( 'a consent form cannot be answered twice', async ( { signedIn } ) => {
		const testClient = await createClient();
		const page = await signedIn.newPage();
		let captured = '';
		page.on( 'request', ( request ) => {
			if (
				request.method() === 'POST' &&
				request.url().startsWith( endpoint( 'authorize' ) )
			) {
				captured = request.postData() ?? '';
			}
		} );
		await page.route(
			( target ) => target.href.startsWith( testClient.redirectUri ),
			( route ) => route.fulfill( { status: 200, body: 'callback' } )
		);
		const callback = page.waitForRequest( ( request ) =>
			request.url().startsWith( testClient.redirectUri )
		);
		await page.goto( authorizeUrl( validParameters( testClient ) ) );
		await page
			.getByRole( 'button', { name: 'Allow', exact: true } )
			.click();
		const first = new URL( ( await callback ).url() );
		expect( first.searchParams.get( 'code' ) ).toBeTruthy();
		await page.close();
		expect( captured ).toContain( 'decision=allow' );

		// The same browser session, so only the request's single use stands in the way.
		const replay = await signedIn.request.post( endpoint( 'authorize' ), {
			data: captured,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			maxRedirects: 0,
		} );
		expect( replay.status() ).toBe( 400 );
		expect( replay.headers().location ).toBeUndefined();
	} );
} );

test.describe( 'prompt, max_age, skip_consent and allowed_roles', () => {
	test( 'prompt=none while signed in, before any consent → consent_required', async ( {
		user,
	} ) => {
		const testClient = await createClient();
		const context = await signedInRequest( user );
		expectErrorRedirect(
			await get(
				context,
				validParameters( testClient, { prompt: 'none' } )
			),
			testClient,
			'consent_required'
		);
		await context.dispose();
	} );

	test( 'an unknown prompt value → invalid_request', async ( { user } ) => {
		const testClient = await createClient();
		const context = await signedInRequest( user );
		expectErrorRedirect(
			await get(
				context,
				validParameters( testClient, { prompt: 'sideways' } )
			),
			testClient,
			'invalid_request'
		);
		await context.dispose();
	} );

	test( 'prompt=login sends a signed-in user to log in again, once', async ( {
		user,
	} ) => {
		const testClient = await createClient();
		const parameters = validParameters( testClient, { prompt: 'login' } );
		const context = await signedInRequest( user );
		const response = await get( context, parameters );
		await context.dispose();
		expect( response.status() ).toBe( 302 );
		const login = new URL( response.headers().location ?? '' );
		expect( `${ login.origin }${ login.pathname }` ).toBe(
			`${ baseUrl() }/wp-login.php`
		);
		expect( login.searchParams.get( 'reauth' ) ).toBe( '1' );
		const back = new URL( login.searchParams.get( 'redirect_to' ) ?? '' );
		const expected: Record< string, string > = { ...parameters };
		delete expected.prompt;
		expect( Object.fromEntries( back.searchParams ) ).toEqual( expected );
	} );

	test( 'max_age shorter than the session sends the user to log in again', async ( {
		user,
	} ) => {
		const testClient = await createClient();
		const context = await signedInRequest( user );
		const later = { 'X-Keystone-Test-Clock-Offset': '600' };
		const stale = await get(
			context,
			validParameters( testClient, { max_age: '300' } ),
			later
		);
		expect( stale.status() ).toBe( 302 );
		expect( stale.headers().location ?? '' ).toContain( '/wp-login.php' );
		const fresh = await get(
			context,
			validParameters( testClient, { max_age: '3600' } ),
			later
		);
		expect( fresh.status() ).toBe( 200 );
		const silent = await get(
			context,
			validParameters( testClient, { max_age: '300', prompt: 'none' } ),
			later
		);
		expectErrorRedirect( silent, testClient, 'login_required' );
		await context.dispose();
	} );

	test( 'a malformed max_age → invalid_request', async ( { user } ) => {
		const testClient = await createClient();
		const context = await signedInRequest( user );
		expectErrorRedirect(
			await get(
				context,
				validParameters( testClient, { max_age: '-5' } )
			),
			testClient,
			'invalid_request'
		);
		await context.dispose();
	} );

	test( 'a skip_consent client gets its code without a consent screen', async ( {
		user,
	} ) => {
		const testClient = await createClient( { skip_consent: true } );
		const context = await signedInRequest( user );
		const response = await get( context, validParameters( testClient ) );
		await context.dispose();
		expect( response.status() ).toBe( 302 );
		const location = new URL( response.headers().location ?? '' );
		expect( `${ location.origin }${ location.pathname }` ).toBe(
			testClient.redirectUri
		);
		expect( location.searchParams.get( 'code' ) ).toBeTruthy();
		expect( location.searchParams.get( 'state' ) ).toBe( TRICKY_STATE );
		expect( location.searchParams.get( 'iss' ) ).toBe( issuer() );
	} );

	test( 'a user whose role the client does not allow → access_denied', async ( {
		user,
	} ) => {
		const testClient = await createClient( {
			allowed_roles: [ 'administrator' ],
		} );
		const context = await signedInRequest( user );
		expectErrorRedirect(
			await get( context, validParameters( testClient ) ),
			testClient,
			'access_denied'
		);
		await context.dispose();
	} );
} );

test( 'nothing sent to the authorization endpoint produces a 500', async ( {
	user,
} ) => {
	const testClient = await createClient();
	const context = await signedInRequest( user );
	const valid = validParameters( testClient );
	const queries = [
		`client_id[]=${ testClient.client_id }`,
		`client_id=${ testClient.client_id }&client_id=${ testClient.client_id }`,
		`${ new URLSearchParams( valid ).toString() }&scope[]=openid`,
		`${ new URLSearchParams( valid ).toString() }&state[a]=b`,
		`${ new URLSearchParams( {
			...valid,
			nonce: 'n'.repeat( 5000 ),
		} ).toString() }`,
		`${ new URLSearchParams( {
			...valid,
			redirect_uri: 'javascript:alert(1)',
		} ).toString() }`,
		'%ff%fe=%00',
	];
	for ( const query of queries ) {
		const response = await context.get(
			`${ endpoint( 'authorize' ) }?${ query }`,
			{ maxRedirects: 0 }
		);
		expect( response.status(), query ).toBeGreaterThanOrEqual( 300 );
		expect( response.status(), query ).toBeLessThan( 500 );
		const location = response.headers().location;
		if ( location ) {
			const target = new URL( location );
			expect( target.searchParams.get( 'code' ), query ).toBeNull();
			expect( target.searchParams.get( 'error' ), query ).toBeTruthy();
		}
	}
	await context.dispose();
} );
