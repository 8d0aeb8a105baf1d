/**
 * The consent page and the device verification page name the site the user signs in with (its
 * title and site icon), not only the application: with scripts and without.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test, expect } from '../support/test';
import { restUrl } from '../support/env';
import {
	createUser,
	loginRequest,
	restSession,
	type RestSession,
	type WpUser,
} from '../support/wp';
import { client, discover } from '../protocol/support/flow';
import { raw } from '../protocol/support/http';
import { callbackUri, createClient } from '../protocol/support/provider';
import { expectAccessible } from '../admin/support';

// The site's title and icon are the whole site's: one test at a time within this file.
test.describe.configure( { mode: 'serial' } );

// A 1×1 PNG: WordPress takes any image as the site icon.
const ICON_PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64'
);
const TITLE = 'Ada’s Workshop & “Co”';

let admin: RestSession;
let user: WpUser;
let iconId = 0;
let iconUrl = '';
const saved: { title: string; site_icon: number } = { title: '', site_icon: 0 };

test.beforeAll( async () => {
	admin = await restSession();
	const before = ( await (
		await admin.get( 'wp/v2/settings' )
	).json() ) as typeof saved;
	saved.title = before.title;
	saved.site_icon = before.site_icon;
	const upload = await admin.request.post( restUrl( 'wp/v2/media' ), {
		headers: {
			'X-WP-Nonce': admin.nonce,
			'Content-Type': 'image/png',
			'Content-Disposition':
				'attachment; filename="keystone-site-icon.png"',
		},
		data: ICON_PNG,
	} );
	expect( upload.status(), await upload.text() ).toBe( 201 );
	const media = ( await upload.json() ) as { id: number; source_url: string };
	iconId = media.id;
	iconUrl = media.source_url;
	const set = await admin.post( 'wp/v2/settings', {
		title: TITLE,
		site_icon: iconId,
	} );
	expect( set.status(), await set.text() ).toBe( 200 );
	user = await createUser( 'subscriber' );
} );

test.afterAll( async () => {
	await admin.post( 'wp/v2/settings', saved );
	await admin.delete( `wp/v2/media/${ iconId }?force=true` );
	await admin.dispose();
} );

async function userContext(
	browser: Browser,
	javaScriptEnabled: boolean
): Promise< BrowserContext > {
	const request = await loginRequest( user.username, user.password );
	const storageState = await request.storageState();
	await request.dispose();
	return browser.newContext( { storageState, javaScriptEnabled } );
}

/** The site line, the same with the app and without it. */
async function expectSiteNamed( page: Page ): Promise< void > {
	const site = page.locator( '.keystone-oidc-consent__site' );
	await expect( site ).toHaveText( `Your account on ${ TITLE }` );
	const icon = site.locator( 'img' );
	await expect( icon ).toHaveAttribute( 'src', iconUrl );
	// Decorative: the text beside it names the site.
	await expect( icon ).toHaveAttribute( 'alt', '' );
}

async function openConsent( context: BrowserContext ): Promise< Page > {
	const testClient = await createClient( {
		name: 'Site Identity App',
		redirect_uris: [ callbackUri( 'site-identity' ) ],
	} );
	const config = await discover( testClient );
	const verifier = client.randomPKCECodeVerifier();
	const url = client.buildAuthorizationUrl( config, {
		redirect_uri: testClient.redirectUri,
		scope: 'openid profile',
		state: 'site-identity',
		code_challenge: await client.calculatePKCECodeChallenge( verifier ),
		code_challenge_method: 'S256',
	} );
	const page = await context.newPage();
	await page.goto( url.href );
	await expect(
		page.getByRole( 'heading', {
			name: 'Site Identity App wants to sign you in',
		} )
	).toBeVisible();
	return page;
}

async function openDevicePage( context: BrowserContext ): Promise< Page > {
	const testClient = await createClient( {
		name: 'Site Identity TV',
		type: 'public',
		grant_types: [ 'urn:ietf:params:oauth:grant-type:device_code' ],
		scopes: [ 'openid', 'profile' ],
	} );
	const start = await raw( 'deviceAuthorization', {
		form: { client_id: testClient.client_id, scope: 'openid profile' },
	} );
	expect( start.status, start.text ).toBe( 200 );
	const page = await context.newPage();
	await page.goto( String( start.json.verification_uri_complete ) );
	await expect(
		page.getByRole( 'heading', { name: 'Connect a device' } )
	).toBeVisible();
	return page;
}

test( 'the consent page names the site with its title and icon, and stays accessible', async ( {
	browser,
} ) => {
	const context = await userContext( browser, true );
	const page = await openConsent( context );
	// The app replaced the form without script: the card is the app's.
	await expect( page.locator( 'main.keystone-oidc-consent' ) ).toBeVisible();
	await expectSiteNamed( page );
	await expectAccessible( page, [ '#keystone-oidc-consent' ] );
	await context.close();
} );

test( 'the consent page without its script names the site too', async ( {
	browser,
} ) => {
	const context = await userContext( browser, false );
	const page = await openConsent( context );
	await expect( page.locator( '.keystone-oidc-consent' ) ).toHaveCount( 0 );
	await expectSiteNamed( page );
	await context.close();
} );

test( 'the device verification page names the site, with and without its script', async ( {
	browser,
} ) => {
	for ( const javaScriptEnabled of [ true, false ] ) {
		const context = await userContext( browser, javaScriptEnabled );
		const page = await openDevicePage( context );
		await expectSiteNamed( page );
		if ( javaScriptEnabled ) {
			await expectAccessible( page, [ '#keystone-oidc-device' ] );
		}
		await context.close();
	}
} );
