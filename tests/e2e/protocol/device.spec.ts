/**
 * The device authorization grant (RFC 8628) end to end: a Node "device" runs `openid-client`'s
 * device flow (it polls the token endpoint) while Chromium, as the user, signs in on the
 * verification page, types the user code and decides. Then every refusal with its exact code.
 * The test site's devices poll every second (the test-support mu-plugin's
 * `keystone_oidc_device_interval`), so the spec stays fast.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { client, discover, signedInContext } from './support/flow';
import { expectOAuthError, raw, type RawResponse } from './support/http';
import { verifyAccessToken, verifyIdToken } from './support/jwt';
import {
	createClient,
	endpoint,
	type ClientInput,
	type TestClient,
} from './support/provider';
import { createUser, type WpUser } from '../support/wp';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const USER_CODE = /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/;

function deviceClient( input: ClientInput = {} ): Promise< TestClient > {
	return createClient( {
		type: 'public',
		grant_types: [ DEVICE_GRANT, 'refresh_token' ],
		scopes: [ 'openid', 'profile', 'email' ],
		...input,
	} );
}

interface DeviceStart {
	device_code: string;
	user_code: string;
	verification_uri: string;
	verification_uri_complete: string;
	expires_in: number;
	interval: number;
}

/** The device's first request, raw: for the cases `openid-client` would not send. */
async function startRaw(
	testClient: TestClient,
	scope = 'openid profile',
	headers: Record< string, string > = {}
): Promise< DeviceStart > {
	const response = await raw( 'deviceAuthorization', {
		form: { client_id: testClient.client_id, scope },
		headers,
	} );
	expect( response.status, response.text ).toBe( 200 );
	expect( response.headers.get( 'cache-control' ) ).toContain( 'no-store' );
	return response.json as unknown as DeviceStart;
}

/**
 * The device's side as a CLI runs it with `openid-client`: ask for the codes, then poll at once
 * (the promise settles when the user has decided).
 */
async function startDevice( testClient: TestClient, scope: string ) {
	const config = await discover( testClient );
	const start = await client.initiateDeviceAuthorization( config, { scope } );
	return {
		start,
		polling: client.pollDeviceAuthorizationGrant( config, start ),
	};
}

function poll(
	testClient: TestClient,
	deviceCode: string,
	clockOffset?: number
): Promise< RawResponse > {
	return raw( 'token', {
		form: {
			grant_type: DEVICE_GRANT,
			client_id: testClient.client_id,
			device_code: deviceCode,
		},
		clockOffset,
	} );
}

/**
 * Opens a verification page URL; when WordPress asks the visitor to sign in first, signs in as
 * the user there and follows the way back. Returns whether the login page came first.
 */
async function openVerificationPage(
	page: Page,
	url: string,
	user?: WpUser
): Promise< boolean > {
	await page.goto( url );
	if (
		! user ||
		! new URL( page.url() ).pathname.endsWith( '/wp-login.php' )
	) {
		return false;
	}
	await page.locator( '#user_login' ).fill( user.username );
	await page.locator( '#user_pass' ).fill( user.password );
	await Promise.all( [
		page.waitForURL( ( back ) =>
			back.href.startsWith( endpoint( 'deviceVerification' ) )
		),
		page.locator( '#wp-submit' ).click(),
	] );
	return true;
}

/**
 * Chromium as the user: opens the verification page (signing in when WordPress asks), types the
 * code as given and continues to the confirm step.
 */
async function enterCode(
	page: Page,
	typed: string,
	user?: WpUser
): Promise< void > {
	await openVerificationPage( page, endpoint( 'deviceVerification' ), user );
	await page
		.getByLabel( 'Enter the code shown on your device' )
		.fill( typed );
	await page.getByRole( 'button', { name: 'Continue' } ).click();
}

async function decide(
	context: BrowserContext,
	userCode: string,
	decision: 'Allow' | 'Deny'
): Promise< void > {
	const page = await context.newPage();
	try {
		await enterCode( page, userCode );
		await choose( page, decision );
	} finally {
		await page.close();
	}
}

/** Clicks Allow or Deny on the confirm step and waits for the page that says what happened. */
async function choose(
	page: Page,
	decision: 'Allow' | 'Deny'
): Promise< void > {
	await page.getByRole( 'button', { name: decision, exact: true } ).click();
	await expect(
		page.getByRole( 'heading', {
			name: decision === 'Allow' ? 'Device connected' : 'Request denied',
		} )
	).toBeVisible();
}

async function withSignedIn< T >(
	browser: Browser,
	user: WpUser,
	act: ( context: BrowserContext ) => Promise< T >
): Promise< T > {
	const context = await signedInContext( browser, user );
	try {
		return await act( context );
	} finally {
		await context.close();
	}
}

test( 'discovery announces the device authorization endpoint and grant', async () => {
	const response = await raw( 'discovery' );
	expect( response.json.device_authorization_endpoint ).toBe(
		endpoint( 'deviceAuthorization' )
	);
	expect( response.json.grant_types_supported ).toContain( DEVICE_GRANT );
} );

test( 'a CLI polls with openid-client while the user signs in on the verification page, types the code in lowercase without the dash and allows', async ( {
	browser,
	user,
} ) => {
	const testClient = await deviceClient();
	const { start, polling } = await startDevice(
		testClient,
		'openid profile email'
	);
	expect( start.user_code ).toMatch( USER_CODE );
	expect( start.verification_uri ).toBe( endpoint( 'deviceVerification' ) );
	expect( start.verification_uri_complete ).toBe(
		`${ endpoint( 'deviceVerification' ) }?user_code=${ start.user_code }`
	);
	expect( start.expires_in ).toBe( 600 );
	expect( start.interval ).toBe( 1 );

	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		await enterCode(
			page,
			start.user_code.replace( '-', '' ).toLowerCase(),
			user
		);
		await expect(
			page.getByRole( 'heading', {
				name: `${ testClient.name } wants to connect to your account`,
			} )
		).toBeVisible();
		await expect(
			page.getByRole( 'main' ).getByText( 'Only continue if you started' )
		).toBeVisible();
		await expect(
			page.getByText( `Code: ${ start.user_code }` )
		).toBeVisible();
		await expect( page.getByText( 'Your email address' ) ).toBeVisible();
		await choose( page, 'Allow' );
	} finally {
		await context.close();
	}

	const tokens = await polling;
	expect( tokens.scope ).toBe( 'openid profile email' );
	expect( typeof tokens.refresh_token ).toBe( 'string' );
	await verifyIdToken( tokens.id_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		accessToken: tokens.access_token,
		// The tokens belong to the device, not to the browser's WordPress session.
		sid: null,
	} );
	await verifyAccessToken( tokens.access_token, {
		clientId: testClient.client_id,
		userId: user.id,
		scope: 'openid profile email',
	} );
	const userinfo = await raw( 'userinfo', { bearer: tokens.access_token } );
	expect( userinfo.status, userinfo.text ).toBe( 200 );
	expect( userinfo.json.sub ).toBe( String( user.id ) );

	// The device code bought its tokens once.
	expectOAuthError(
		await poll( testClient, start.device_code, 5 ),
		400,
		'invalid_grant'
	);
} );

test( 'the confirm step is shown again although the user allowed the client before', async ( {
	browser,
	user,
} ) => {
	const testClient = await deviceClient();
	await withSignedIn( browser, user, async ( context ) => {
		const first = await startRaw( testClient );
		await decide( context, first.user_code, 'Allow' );
		const second = await startRaw( testClient );
		// decide() clicks Allow on the confirm step, so it fails if that step were skipped.
		await decide( context, second.user_code, 'Allow' );
		expect( ( await poll( testClient, second.device_code ) ).status ).toBe(
			200
		);
	} );
} );

test( 'a device of a confidential client authenticates at both endpoints', async ( {
	browser,
	user,
} ) => {
	const testClient = await deviceClient( { type: 'confidential' } );
	const { start, polling } = await startDevice( testClient, 'openid' );
	await withSignedIn( browser, user, ( context ) =>
		decide( context, start.user_code, 'Allow' )
	);
	const tokens = await polling;
	expect( tokens.scope ).toBe( 'openid' );

	// Without its secret the confidential client is refused.
	const anonymous = await raw( 'deviceAuthorization', {
		form: { client_id: testClient.client_id, scope: 'openid' },
	} );
	expectOAuthError( anonymous, 401, 'invalid_client' );
} );

test( 'Deny on the verification page: the polling device gets access_denied', async ( {
	browser,
	user,
} ) => {
	const testClient = await deviceClient();
	const { start, polling } = await startDevice( testClient, 'openid' );
	const failure = polling.then(
		() => null,
		( error: unknown ) => error
	);
	await withSignedIn( browser, user, ( context ) =>
		decide( context, start.user_code, 'Deny' )
	);
	const error = await failure;
	expect( error ).toBeInstanceOf( client.ResponseBodyError );
	expect( ( error as client.ResponseBodyError ).error ).toBe(
		'access_denied'
	);
} );

test( 'before the user decides the device is told authorization_pending; an expired code is expired_token', async () => {
	const testClient = await deviceClient();
	const start = await startRaw( testClient );
	expectOAuthError(
		await poll( testClient, start.device_code ),
		400,
		'authorization_pending'
	);
	expectOAuthError(
		await poll( testClient, start.device_code, start.expires_in + 1 ),
		400,
		'expired_token'
	);
} );

test( 'an expired user code is refused on the verification page', async ( {
	browser,
} ) => {
	const someone = await createUser( 'subscriber' );
	const testClient = await deviceClient();
	const start = await startRaw( testClient );
	await withSignedIn( browser, someone, async ( context ) => {
		await context.setExtraHTTPHeaders( {
			'X-Keystone-Test-Clock-Offset': String( start.expires_in + 1 ),
		} );
		const page = await context.newPage();
		await enterCode( page, start.user_code );
		await expect(
			page.getByRole( 'alert' ).filter( {
				hasText: 'That code is not valid or has expired.',
			} )
		).toBeVisible();
	} );
} );

test( 'polling faster than the interval is slow_down, and the longer interval holds for later polls', async () => {
	const testClient = await deviceClient();
	// A long interval, so the polls below are too fast however slowly the machine runs.
	const start = await startRaw( testClient, 'openid', {
		'X-Keystone-Test-Device-Interval': '30',
	} );
	expect( start.interval ).toBe( 30 );
	expectOAuthError(
		await poll( testClient, start.device_code ),
		400,
		'authorization_pending'
	);
	const fast = await poll( testClient, start.device_code );
	expectOAuthError( fast, 400, 'slow_down' );
	expect( fast.json.error_description ).toBe(
		'Poll at most every 35 seconds'
	);
	// 31 seconds later was enough before slow_down, no longer now.
	expectOAuthError(
		await poll( testClient, start.device_code, 31 ),
		400,
		'slow_down'
	);
	// 41 seconds after that poll keeps the interval (now 40).
	expectOAuthError(
		await poll( testClient, start.device_code, 31 + 41 ),
		400,
		'authorization_pending'
	);
} );

test( 'an unknown device code, or one of another client, is invalid_grant', async () => {
	const testClient = await deviceClient();
	const other = await deviceClient();
	const start = await startRaw( testClient );
	expectOAuthError(
		await poll( testClient, 'not-a-device-code' ),
		400,
		'invalid_grant'
	);
	expectOAuthError(
		await poll( other, start.device_code ),
		400,
		'invalid_grant'
	);
	expectOAuthError(
		await raw( 'token', {
			form: { grant_type: DEVICE_GRANT, client_id: testClient.client_id },
		} ),
		400,
		'invalid_request'
	);
} );

test( 'a client not registered for the device grant is unauthorized_client at both endpoints', async () => {
	const testClient = await createClient( { type: 'public' } );
	expectOAuthError(
		await raw( 'deviceAuthorization', {
			form: { client_id: testClient.client_id, scope: 'openid' },
		} ),
		400,
		'unauthorized_client'
	);
	expectOAuthError(
		await poll( testClient, 'any-device-code' ),
		400,
		'unauthorized_client'
	);
} );

test( 'the device authorization endpoint checks scopes as the authorization endpoint does', async () => {
	const testClient = await deviceClient();
	for ( const scope of [ 'profile', 'openid "quoted"' ] ) {
		expectOAuthError(
			await raw( 'deviceAuthorization', {
				form: { client_id: testClient.client_id, scope },
			} ),
			400,
			'invalid_scope'
		);
	}
	expectOAuthError(
		await raw( 'deviceAuthorization', {
			form: { client_id: testClient.client_id },
		} ),
		400,
		'invalid_request'
	);
	// A scope the client may not have is dropped, not granted.
	const start = await startRaw( testClient, 'openid roles' );
	expect( start.user_code ).toMatch( USER_CODE );
	const get = await raw( 'deviceAuthorization' );
	expect( get.status ).toBe( 405 );
	expect( get.json.error ).toBe( 'invalid_request' );
} );

test( 'two concurrent redemptions of an approved device code: exactly one gets tokens', async ( {
	browser,
	user,
} ) => {
	const testClient = await deviceClient();
	const start = await startRaw( testClient );
	await withSignedIn( browser, user, ( context ) =>
		decide( context, start.user_code, 'Allow' )
	);
	const answers = await Promise.all( [
		poll( testClient, start.device_code ),
		poll( testClient, start.device_code ),
	] );
	const statuses = answers.map( ( answer ) => answer.status ).sort();
	expect( statuses, answers.map( ( a ) => a.text ).join( '\n' ) ).toEqual( [
		200, 400,
	] );
	const loser = answers.find( ( answer ) => answer.status === 400 );
	expect( [ 'invalid_grant', 'slow_down' ] ).toContain( loser?.json.error );
} );

test( 'wrong user codes: after five the page refuses every code for a while, even the right one', async ( {
	browser,
} ) => {
	const guesser = await createUser( 'subscriber' );
	const testClient = await deviceClient();
	const start = await startRaw( testClient );
	await withSignedIn( browser, guesser, async ( context ) => {
		const page = await context.newPage();
		for ( let attempt = 1; attempt <= 4; attempt++ ) {
			await enterCode( page, 'bcdf-ghjk' );
			await expect(
				page.getByRole( 'alert' ).filter( {
					hasText: 'That code is not valid or has expired.',
				} )
			).toBeVisible();
		}
		await enterCode( page, 'not a code' );
		await expect(
			page.getByRole( 'alert' ).filter( {
				hasText: 'Too many wrong codes. Wait 15 minutes',
			} )
		).toBeVisible();
		await enterCode( page, start.user_code );
		await expect(
			page.getByRole( 'alert' ).filter( {
				hasText: 'Too many wrong codes. Wait 15 minutes',
			} )
		).toBeVisible();
		await expect(
			page.getByRole( 'button', { name: 'Allow' } )
		).toHaveCount( 0 );
	} );
	expectOAuthError(
		await poll( testClient, start.device_code ),
		400,
		'authorization_pending'
	);
} );

test( 'a user whose role the client does not admit is refused, and the device gets access_denied', async ( {
	browser,
	user,
} ) => {
	const testClient = await deviceClient( { allowed_roles: [ 'editor' ] } );
	const start = await startRaw( testClient );
	await withSignedIn( browser, user, async ( context ) => {
		const page = await context.newPage();
		await enterCode( page, start.user_code );
		await expect(
			page.getByText(
				`Your account may not sign in to ${ testClient.name }.`
			)
		).toBeVisible();
	} );
	expectOAuthError(
		await poll( testClient, start.device_code ),
		400,
		'access_denied'
	);
} );

test( 'the verification page sends a visitor to log in and back, keeping the code only pre-filled', async ( {
	browser,
	user,
} ) => {
	const testClient = await deviceClient();
	const start = await startRaw( testClient );
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		expect(
			await openVerificationPage(
				page,
				start.verification_uri_complete,
				user
			),
			'the login page came first'
		).toBe( true );
		await expect(
			page.getByLabel( 'Enter the code shown on your device' )
		).toHaveValue( start.user_code );
	} finally {
		await context.close();
	}
	expectOAuthError(
		await poll( testClient, start.device_code ),
		400,
		'authorization_pending'
	);
} );

test( 'a decision posted without the nonce of the signed-in user decides nothing', async ( {
	browser,
	user,
} ) => {
	const testClient = await deviceClient();
	const start = await startRaw( testClient );
	await withSignedIn( browser, user, async ( context ) => {
		const response = await context.request.post(
			endpoint( 'deviceVerification' ),
			{
				form: {
					user_code: start.user_code,
					decision: 'allow',
					_wpnonce: 'forged',
				},
			}
		);
		expect( response.status() ).toBe( 400 );
		expect( await response.text() ).toContain( 'This page has expired.' );
	} );
	const anonymous = await raw( 'deviceVerification', {
		form: { user_code: start.user_code, decision: 'allow' },
	} );
	expect( anonymous.status ).toBe( 303 );
	expect( anonymous.headers.get( 'location' ) ).toContain( 'wp-login.php' );
	expectOAuthError(
		await poll( testClient, start.device_code ),
		400,
		'authorization_pending'
	);
} );

test( 'without JavaScript the page’s plain forms carry the same flow', async ( {
	browser,
	user,
} ) => {
	const testClient = await deviceClient();
	const start = await startRaw( testClient );
	const context = await browser.newContext( { javaScriptEnabled: false } );
	try {
		const page = await context.newPage();
		await enterCode( page, start.user_code.toLowerCase(), user );
		await expect(
			page.getByText( 'Only continue if you started' )
		).toBeVisible();
		await choose( page, 'Allow' );
	} finally {
		await context.close();
	}
	expect( ( await poll( testClient, start.device_code ) ).status ).toBe(
		200
	);
} );
