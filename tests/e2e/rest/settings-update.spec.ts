/**
 * `PUT /settings` for the settings an administrator changes (issue 14): every refusal with its
 * status and exact code (and nothing changed), then each setting proven on the real protocol:
 * lifetimes in real tokens and codes, default roles on new clients, `email_verified` for an
 * address confirmed through WordPress's mailed reset link, remembered consent that runs out, and
 * automatic key rotation by the hourly job. Each changes the whole provider, so this runs on a
 * site of its own, one test at a time.
 */
import { randomBytes } from 'node:crypto';
import { decodeJwt, type JWK } from 'jose';
import type { Browser, BrowserContext } from '@playwright/test';
import { test, expect } from '../support/test';
import { startOwnSite, type RunningSite } from '../support/site';
import { createUser, type RestSession, type WpUser } from '../support/wp';
import {
	authorizeCode,
	consent,
	signIn,
	signedInContext,
	client as oidc,
	discover,
} from '../protocol/support/flow';
import { expectOAuthError, raw } from '../protocol/support/http';
import {
	callbackUri,
	createClient as createTestClient,
	type TestClient,
} from '../protocol/support/provider';
import { createClient, expectError, route, session } from './support';
import {
	DEFAULTS,
	editable,
	readSettings,
	type EditableSettings,
} from './settings-support';

const DAY = 86400;

let site: RunningSite;
let admin: RestSession;

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	test.setTimeout( 180_000 );
	site = await startOwnSite( `settings-update-${ process.pid }`, [
		'--test-plugins',
	] );
	admin = await session();
} );

test.afterAll( async () => {
	await admin?.dispose();
	await site?.stop();
} );

function settings(): Promise< EditableSettings > {
	return readSettings( admin );
}

async function change(
	body: Record< string, unknown >
): Promise< EditableSettings > {
	const response = await admin.put( route( 'settings' ), body );
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( await response.json() ) as EditableSettings;
}

async function fingerprint(): Promise< unknown > {
	const response = await admin.get( 'keystone-test/v1/fingerprint' );
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( ( await response.json() ) as { options: unknown } ).options;
}

test( 'GET /settings returns every editable setting with its default', async () => {
	expect( editable( await settings() ) ).toEqual( DEFAULTS );
} );

const REFUSED: Array< [ string, Record< string, unknown >, string ] > = [
	[ 'lifetimes not an object', { lifetimes: 3600 }, 'lifetimes' ],
	[ 'lifetimes a list', { lifetimes: [ 3600 ] }, 'lifetimes' ],
	[ 'lifetimes empty', { lifetimes: {} }, 'lifetimes' ],
	[ 'access below its range', { lifetimes: { access: 59 } }, 'lifetimes' ],
	[ 'id above its range', { lifetimes: { id: 86401 } }, 'lifetimes' ],
	[ 'refresh of 0', { lifetimes: { refresh: 0 } }, 'lifetimes' ],
	[ 'code above its range', { lifetimes: { code: 601 } }, 'lifetimes' ],
	[ 'code as text', { lifetimes: { code: '60' } }, 'lifetimes' ],
	[ 'code not whole', { lifetimes: { code: 60.5 } }, 'lifetimes' ],
	[ 'an unknown lifetime', { lifetimes: { consent: 600 } }, 'lifetimes' ],
	[
		'default roles as text',
		{ default_allowed_roles: 'editor' },
		'default_allowed_roles',
	],
	[
		'a role the site lacks',
		{ default_allowed_roles: [ 'editor', 'no-such-role' ] },
		'default_allowed_roles',
	],
	[
		'a role that is not text',
		{ default_allowed_roles: [ 1 ] },
		'default_allowed_roles',
	],
	[ 'trust_email as text', { trust_email: 'true' }, 'trust_email' ],
	[ 'trust_email as a number', { trust_email: 1 }, 'trust_email' ],
	[ 'trust_email null', { trust_email: null }, 'trust_email' ],
	[
		'negative consent days',
		{ consent_remember_days: -1 },
		'consent_remember_days',
	],
	[
		'consent days above the range',
		{ consent_remember_days: 3651 },
		'consent_remember_days',
	],
	[
		'consent days as text',
		{ consent_remember_days: '7' },
		'consent_remember_days',
	],
	[ 'rotation every day', { key_rotation_days: 1 }, 'key_rotation_days' ],
	[ 'rotation below 7 days', { key_rotation_days: 6 }, 'key_rotation_days' ],
	[
		'rotation above a year',
		{ key_rotation_days: 366 },
		'key_rotation_days',
	],
	[ 'negative rotation', { key_rotation_days: -1 }, 'key_rotation_days' ],
	[ 'rotation as text', { key_rotation_days: '30' }, 'key_rotation_days' ],
];

test( 'each wrong value is refused with 400 keystone_oidc_invalid_<field>, naming the field, and changes nothing', async () => {
	const before = await fingerprint();
	for ( const [ label, body, field ] of REFUSED ) {
		const error = await expectError(
			await admin.put( route( 'settings' ), body ),
			400,
			`keystone_oidc_invalid_${ field }`
		);
		expect( ( error.data as { field?: string } ).field, label ).toBe(
			field
		);
	}
	expect( await fingerprint(), 'no refused body wrote anything' ).toEqual(
		before
	);
	expect( editable( await settings() ) ).toEqual( DEFAULTS );
} );

test( 'a lifetime error names the key; a body with one wrong field saves none of its right ones', async () => {
	const error = await expectError(
		await admin.put( route( 'settings' ), {
			lifetimes: { access: 600, code: 5 },
		} ),
		400,
		'keystone_oidc_invalid_lifetimes'
	);
	expect( ( error.data as { key?: string } ).key ).toBe( 'code' );
	expect( error.message ).toContain( 'lifetimes.code' );

	const before = await fingerprint();
	await expectError(
		await admin.put( route( 'settings' ), {
			lifetimes: { access: 600 },
			trust_email: true,
			key_rotation_days: 3,
		} ),
		400,
		'keystone_oidc_invalid_key_rotation_days'
	);
	expect( await fingerprint() ).toEqual( before );
	expect( editable( await settings() ) ).toEqual( DEFAULTS );
} );

test( 'any subset is saved, GET returns it, and a partial lifetimes keeps the other three', async () => {
	const saved = await change( {
		lifetimes: { refresh: 7 * DAY },
		consent_remember_days: 30,
		key_rotation_days: 90,
	} );
	expect( editable( saved ) ).toEqual( {
		...DEFAULTS,
		lifetimes: { ...DEFAULTS.lifetimes, refresh: 7 * DAY },
		consent_remember_days: 30,
		key_rotation_days: 90,
	} );
	expect( editable( await settings() ) ).toEqual( editable( saved ) );
	expect( editable( await change( DEFAULTS ) ) ).toEqual( DEFAULTS );
} );

async function newUser(): Promise< WpUser > {
	return createUser( 'subscriber' );
}

function harnessClient( label: string ): Promise< TestClient > {
	return createTestClient( {
		name: `Settings ${ label }`,
		redirect_uris: [ callbackUri( label ) ],
		scopes: [ 'openid', 'profile', 'email', 'offline_access' ],
	} );
}

test( 'the access and ID token lifetimes show in real tokens: expires_in and exp', async ( {
	browser,
} ) => {
	await change( { lifetimes: { access: 300, id: 600 } } );
	const user = await newUser();
	const context = await signedInContext( browser, user );
	const { tokens } = await signIn( context, await harnessClient( 'life' ) );
	await context.close();

	expect( tokens.expires_in ).toBe( 300 );
	const access = decodeJwt( tokens.access_token );
	expect( ( access.exp as number ) - ( access.iat as number ) ).toBe( 300 );
	const id = decodeJwt( tokens.id_token as string );
	expect( ( id.exp as number ) - ( id.iat as number ) ).toBe( 600 );

	await change( { lifetimes: DEFAULTS.lifetimes } );
} );

function redeemRaw(
	testClient: TestClient,
	flow: Awaited< ReturnType< typeof authorizeCode > >,
	clockOffset: number
) {
	return raw( 'token', {
		form: {
			grant_type: 'authorization_code',
			code: flow.code,
			redirect_uri: flow.redirectUri,
			code_verifier: flow.codeVerifier as string,
		},
		basic: {
			id: testClient.client_id,
			secret: testClient.client_secret as string,
		},
		clockOffset,
	} );
}

test( 'the code lifetime decides when a real code expires', async ( {
	browser,
} ) => {
	await change( { lifetimes: { code: 20 } } );
	const user = await newUser();
	const context = await signedInContext( browser, user );
	const testClient = await harnessClient( 'code' );

	// 15 seconds on: younger than 20, redeemed.
	const early = await authorizeCode( context, testClient );
	const redeemed = await redeemRaw( testClient, early, 15 );
	expect( redeemed.status, redeemed.text ).toBe( 200 );

	// 25 seconds on: it would still live under the default 60, but the setting says 20.
	const late = await authorizeCode( context, testClient );
	expectOAuthError(
		await redeemRaw( testClient, late, 25 ),
		400,
		'invalid_grant'
	);
	await context.close();
	await change( { lifetimes: DEFAULTS.lifetimes } );
} );

test( 'default_allowed_roles: a client created without allowed_roles starts with them; naming allowed_roles (even none) wins', async () => {
	await change( { default_allowed_roles: [ 'editor', 'author' ] } );
	const defaulted = await createClient( admin );
	expect( defaulted.allowed_roles ).toEqual( [ 'editor', 'author' ] );
	const named = await createClient( admin, {
		allowed_roles: [ 'subscriber' ],
	} );
	expect( named.allowed_roles ).toEqual( [ 'subscriber' ] );
	const everyone = await createClient( admin, { allowed_roles: [] } );
	expect( everyone.allowed_roles ).toEqual( [] );

	// An existing client is not touched by a later change of the default, nor by an update.
	await change( { default_allowed_roles: [] } );
	const fresh = await createClient( admin );
	expect( fresh.allowed_roles ).toEqual( [] );
	const updated = await admin.patch(
		route( `clients/${ defaulted.client_id }` ),
		{ name: 'Renamed' }
	);
	expect( updated.status(), await updated.text() ).toBe( 200 );
	expect(
		( ( await updated.json() ) as { allowed_roles: string[] } )
			.allowed_roles
	).toEqual( [ 'editor', 'author' ] );
} );

async function emailVerified(
	browser: Browser,
	user: WpUser,
	testClient: TestClient
): Promise< unknown > {
	const context = await signedInContext( browser, user );
	const { tokens } = await signIn( context, testClient, {
		scope: 'openid email',
	} );
	await context.close();
	const claims = decodeJwt( tokens.id_token as string );
	const info = await raw( 'userinfo', { bearer: tokens.access_token } );
	expect( info.status, info.text ).toBe( 200 );
	expect( info.json.email_verified ).toBe( claims.email_verified );
	expect( claims.email ).toBe( user.email );
	return claims.email_verified;
}

async function catchMail( on: boolean ): Promise< void > {
	const response = await admin.post( 'keystone-test/v1/mail', { on } );
	expect( response.status(), await response.text() ).toBe( 200 );
}

/**
 * The user follows the lost-password flow in a browser: asks for a link, opens the link WordPress
 * mailed to their address and saves a new password through it.
 */
async function resetThroughMailedLink(
	browser: Browser,
	user: WpUser
): Promise< WpUser > {
	await catchMail( true );
	const context: BrowserContext = await browser.newContext();
	const page = await context.newPage();
	await page.goto( `${ site.url }/wp-login.php?action=lostpassword` );
	await page.locator( '#user_login' ).fill( user.username );
	await page.locator( '#wp-submit' ).click();
	await expect( page.locator( '#login' ) ).toContainText(
		'Check your email'
	);

	const mails = ( await (
		await admin.get( 'keystone-test/v1/mail' )
	).json() ) as Array< { to: string; message: string } >;
	const mail = mails.find( ( caught ) => caught.to === user.email );
	expect(
		mail,
		'WordPress mailed the reset link to the address'
	).toBeTruthy();
	const link = /https?:\/\/\S+action=rp\S*/.exec(
		mail?.message ?? ''
	)?.[ 0 ];
	expect( link ).toBeTruthy();

	const password = `pw-${ randomBytes( 12 ).toString( 'hex' ) }-Aa1!`;
	await page.goto( link as string );
	await page.locator( '#pass1' ).fill( password );
	await page.locator( '#wp-submit' ).click();
	await expect( page.locator( '#login' ) ).toContainText(
		'Your password has been reset'
	);
	await context.close();
	await catchMail( false );
	return { ...user, password };
}

test( 'trust_email: off by default, false for an unconfirmed address when on, true once confirmed through the mailed link, false again after the address changes', async ( {
	browser,
} ) => {
	// Six sign-ins and the lost-password flow in a browser, on a shared machine.
	test.setTimeout( 240_000 );
	const testClient = await harnessClient( 'email' );
	let user = await newUser();

	expect( ( await settings() ).trust_email ).toBe( false );
	expect( await emailVerified( browser, user, testClient ) ).toBe( false );

	await change( { trust_email: true } );
	expect(
		await emailVerified( browser, user, testClient ),
		'an address WordPress never confirmed is not vouched for'
	).toBe( false );

	// A password an administrator (or a plugin) sets directly proves nothing about the mailbox.
	const direct = await admin.post( 'keystone-test/v1/reset-password', {
		user_id: user.id,
		password: user.password,
	} );
	expect( direct.status(), await direct.text() ).toBe( 200 );
	expect( await emailVerified( browser, user, testClient ) ).toBe( false );

	user = await resetThroughMailedLink( browser, user );
	expect( await emailVerified( browser, user, testClient ) ).toBe( true );

	// Turned off again, the same confirmed address is no longer vouched for.
	await change( { trust_email: false } );
	expect( await emailVerified( browser, user, testClient ) ).toBe( false );
	await change( { trust_email: true } );

	// Another address, set by an administrator, is not confirmed.
	const email = `changed-${ randomBytes( 4 ).toString(
		'hex'
	) }@example.test`;
	const changed = await admin.post( `wp/v2/users/${ user.id }`, { email } );
	expect( changed.status(), await changed.text() ).toBe( 200 );
	user = { ...user, email };
	expect( await emailVerified( browser, user, testClient ) ).toBe( false );

	await change( { trust_email: false } );
} );

test( 'trust_email: a change of address confirmed through the link WordPress mails to it is vouched for', async ( {
	browser,
} ) => {
	test.setTimeout( 240_000 );
	await change( { trust_email: true } );
	const testClient = await harnessClient( 'email-change' );
	const user = await newUser();
	expect( await emailVerified( browser, user, testClient ) ).toBe( false );

	// The user changes the address on their profile; WordPress mails a link to the new one.
	await catchMail( true );
	const email = `moved-${ randomBytes( 4 ).toString( 'hex' ) }@example.test`;
	const context = await signedInContext( browser, user );
	const page = await context.newPage();
	await page.goto( `${ site.url }/wp-admin/profile.php` );
	await page.locator( '#email' ).fill( email );
	await page.locator( '#submit' ).click();
	await expect(
		page.getByText( 'There is a pending change of your email to' )
	).toBeVisible();
	const mails = ( await (
		await admin.get( 'keystone-test/v1/mail' )
	).json() ) as Array< { to: string; message: string } >;
	const link = /https?:\/\/\S+newuseremail=\S+/.exec(
		mails.find( ( caught ) => caught.to === email )?.message ?? ''
	)?.[ 0 ];
	expect( link, 'WordPress mailed a confirmation link' ).toBeTruthy();
	await catchMail( false );

	// Still the old address until the link is followed.
	expect( await emailVerified( browser, user, testClient ) ).toBe( false );
	await page.goto( link as string );
	await expect( page.locator( '#email' ) ).toHaveValue( email );
	await context.close();

	expect(
		await emailVerified( browser, { ...user, email }, testClient )
	).toBe( true );
	await change( { trust_email: false } );
} );

test( 'consent_remember_days: a consent older than the period shows the consent screen again', async ( {
	browser,
} ) => {
	await change( { consent_remember_days: 1 } );
	const user = await newUser();
	const testClient = await harnessClient( 'consent' );
	const context = await signedInContext( browser, user );
	await signIn( context, testClient, { scope: 'openid' } );

	const config = await discover( testClient );
	const url = ( scope: string ) =>
		oidc
			.buildAuthorizationUrl( config, {
				redirect_uri: testClient.redirectUri,
				scope,
				state: oidc.randomState(),
				code_challenge_method: 'S256',
				code_challenge: 'E9Melhoa2OwvFrEMTJguCHoeS9-nrrEZl1eD8RkUrIc',
			} )
			.toString();
	const page = await context.newPage();

	// Within the day: remembered, straight back with a code.
	const soon = await consent(
		context,
		url( 'openid' ),
		testClient.redirectUri
	);
	expect( soon.searchParams.get( 'code' ) ).toBeTruthy();

	// Two days on (for the provider's clock): asked again.
	await context.setExtraHTTPHeaders( {
		'X-Keystone-Test-Clock-Offset': String( 2 * DAY ),
	} );
	await page.goto( url( 'openid' ) );
	await expect(
		page.getByRole( 'button', { name: 'Allow', exact: true } )
	).toBeVisible();
	await page.close();
	await context.close();
	await change( { consent_remember_days: 0 } );
} );

async function jwksKids(): Promise< string[] > {
	const response = await admin.request.get(
		`${ site.url }/wenisch-tech/keystone-oidc/oauth/jwks`
	);
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( ( await response.json() ) as { keys: JWK[] } ).keys.map(
		( key ) => key.kid as string
	);
}

/** Runs the hourly job with the provider's clock `offset` seconds ahead for that request. */
async function runCron( offset: number ): Promise< void > {
	const response = await admin.request.post(
		`${ site.url }/wp-json/keystone-test/v1/cleanup`,
		{
			headers: {
				'X-WP-Nonce': admin.nonce,
				'X-Keystone-Test-Clock-Offset': String( offset ),
			},
		}
	);
	expect( response.status(), await response.text() ).toBe( 200 );
}

test( 'key_rotation_days: the hourly job rotates keys older than the period; the old kid stays in the JWKS', async () => {
	const before = ( await settings() ).kid;

	// Off (the default): even a year-old key is left alone.
	await runCron( 365 * DAY );
	expect( ( await settings() ).kid ).toBe( before );

	await change( { key_rotation_days: 7 } );
	await runCron( 6 * DAY );
	expect( ( await settings() ).kid, 'six days old: not yet' ).toBe( before );

	await runCron( 7 * DAY + 60 );
	const after = ( await settings() ).kid;
	expect( after ).not.toBe( before );
	const kids = await jwksKids();
	expect( kids ).toContain( after );
	expect( kids, 'the retired key verifies the tokens it signed' ).toContain(
		before
	);

	// The new key is young: the next run leaves it.
	await runCron( 7 * DAY + 120 );
	expect( ( await settings() ).kid ).toBe( after );
	await change( { key_rotation_days: 0 } );
} );
