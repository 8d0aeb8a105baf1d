/**
 * The consent screen as a person meets it, on a phone-sized screen: who is asking, who is signed
 * in, what the application gets; Allow and Deny each complete a real authorization.
 */
import type { BrowserContext, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from '../support/test';
import { createUser, loginRequest, type WpUser } from '../support/wp';
import { client, discover } from '../protocol/support/flow';
import {
	callbackUri,
	createClient,
	issuer,
	type TestClient,
} from '../protocol/support/provider';
import { screenshot } from '../admin/support';

const PHONE = { width: 375, height: 740 };

const hostileName = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> & "Co"`;

async function phoneContext(
	browser: import('@playwright/test').Browser,
	user: WpUser
): Promise< BrowserContext > {
	const request = await loginRequest( user.username, user.password );
	const storageState = await request.storageState();
	await request.dispose();
	return browser.newContext( {
		storageState,
		viewport: PHONE,
		isMobile: true,
		hasTouch: true,
	} );
}

interface Started {
	page: Page;
	callback: Promise< URL >;
	config: client.Configuration;
	checks: client.AuthorizationCodeGrantChecks;
	state: string;
}

/** Opens the authorization URL and waits on the consent screen; the callback is caught. */
async function startAuthorization(
	context: BrowserContext,
	testClient: TestClient
): Promise< Started > {
	const config = await discover( testClient );
	const state = client.randomState();
	const nonce = client.randomNonce();
	const verifier = client.randomPKCECodeVerifier();
	const url = client.buildAuthorizationUrl( config, {
		redirect_uri: testClient.redirectUri,
		scope: 'openid profile email',
		state,
		nonce,
		code_challenge: await client.calculatePKCECodeChallenge( verifier ),
		code_challenge_method: 'S256',
	} );
	const page = await context.newPage();
	await page.route(
		( target ) => target.href.startsWith( testClient.redirectUri ),
		( route ) =>
			route.fulfill( {
				status: 200,
				contentType: 'text/plain',
				body: 'callback reached',
			} )
	);
	const callback = page
		.waitForRequest( ( request ) =>
			request.url().startsWith( testClient.redirectUri )
		)
		.then( ( request ) => new URL( request.url() ) );
	await page.goto( url.href );
	await expect( page.locator( '.keystone-oidc-consent' ) ).toBeVisible();
	return {
		page,
		callback,
		config,
		state,
		checks: {
			expectedState: state,
			expectedNonce: nonce,
			pkceCodeVerifier: verifier,
		},
	};
}

test( 'Allow: the screen shows who asks for what, escapes the client name, and signs the user in', async ( {
	browser,
} ) => {
	const testClient = await createClient( {
		name: hostileName,
		redirect_uris: [ callbackUri( 'consent-allow' ) ],
	} );
	const user = await createUser( 'subscriber', { name: 'Ada Lovelace' } );
	const context = await phoneContext( browser, user );
	const { page, callback, config, checks } = await startAuthorization(
		context,
		testClient
	);
	const screen = page.locator( '#keystone-oidc-consent' );

	// Everything the client registered is text, never markup.
	await expect( screen.getByRole( 'heading', { level: 1 } ) ).toHaveText(
		`${ hostileName } wants to sign you in`
	);
	await expect( screen.locator( 'script, img' ) ).toHaveCount( 0 );
	expect(
		await page.evaluate( () => ( window as { __pwned?: number } ).__pwned )
	).toBeUndefined();

	await expect( screen ).toContainText(
		`Signed in as Ada Lovelace (${ user.username }).`
	);
	const notYou = screen.getByRole( 'link', { name: 'Not you?' } );
	await expect( notYou ).toHaveAttribute(
		'href',
		/wp-login\.php\?action=logout/
	);
	const scopes = screen.getByRole( 'list' );
	await expect( scopes.getByRole( 'listitem' ) ).toHaveCount( 3 );
	await expect( scopes ).toContainText( 'Your email address' );

	// A phone-sized screen needs no sideways scrolling, and the buttons are big enough to tap.
	expect(
		await page.evaluate( () => document.documentElement.scrollWidth )
	).toBeLessThanOrEqual( PHONE.width );
	for ( const name of [ 'Allow', 'Deny' ] ) {
		const box = await screen
			.getByRole( 'button', { name, exact: true } )
			.boundingBox();
		expect( box?.height ?? 0 ).toBeGreaterThanOrEqual( 44 );
	}

	const axe = await new AxeBuilder( { page } )
		.withTags( [
			'wcag2a',
			'wcag2aa',
			'wcag21a',
			'wcag21aa',
			'best-practice',
		] )
		.analyze();
	expect(
		axe.violations
			.filter(
				( v ) => v.impact === 'serious' || v.impact === 'critical'
			)
			.map( ( v ) => v.id )
	).toEqual( [] );
	await screenshot( page, 'consent-phone' );

	// Keyboard only: Tab reaches "Not you?", then Allow, then Deny; Enter on Allow decides.
	await page.locator( 'body' ).focus();
	await page.keyboard.press( 'Tab' );
	await expect( notYou ).toBeFocused();
	await page.keyboard.press( 'Tab' );
	const allow = screen.getByRole( 'button', { name: 'Allow', exact: true } );
	await expect( allow ).toBeFocused();
	await page.keyboard.press( 'Tab' );
	await expect(
		screen.getByRole( 'button', { name: 'Deny', exact: true } )
	).toBeFocused();
	await page.keyboard.press( 'Shift+Tab' );
	await page.keyboard.press( 'Enter' );

	const returned = await callback;
	expect( returned.searchParams.get( 'error' ) ).toBeNull();
	expect( returned.searchParams.get( 'iss' ) ).toBe( issuer() );
	const tokens = await client.authorizationCodeGrant(
		config,
		returned,
		checks
	);
	expect( tokens.token_type.toLowerCase() ).toBe( 'bearer' );
	expect( tokens.claims()?.sub ).toBe( String( user.id ) );
	await context.close();
} );

test( 'Deny: the client gets access_denied with its state, and no code', async ( {
	browser,
} ) => {
	const testClient = await createClient( {
		name: 'Deny Me',
		redirect_uris: [ callbackUri( 'consent-deny' ) ],
	} );
	const user = await createUser( 'subscriber' );
	const context = await phoneContext( browser, user );
	const { page, callback, state } = await startAuthorization(
		context,
		testClient
	);
	await page
		.locator( '#keystone-oidc-consent' )
		.getByRole( 'button', { name: 'Deny', exact: true } )
		.click();
	const returned = await callback;
	expect( returned.searchParams.get( 'error' ) ).toBe( 'access_denied' );
	expect( returned.searchParams.get( 'state' ) ).toBe( state );
	expect( returned.searchParams.get( 'iss' ) ).toBe( issuer() );
	expect( returned.searchParams.get( 'code' ) ).toBeNull();
	await context.close();
} );

test( 'without its script the page still works as a plain HTML form', async ( {
	browser,
} ) => {
	const testClient = await createClient( {
		name: 'No Script',
		redirect_uris: [ callbackUri( 'consent-noscript' ) ],
	} );
	const user = await createUser( 'subscriber' );
	const request = await loginRequest( user.username, user.password );
	const storageState = await request.storageState();
	await request.dispose();
	const context = await browser.newContext( {
		storageState,
		javaScriptEnabled: false,
		viewport: PHONE,
	} );
	const config = await discover( testClient );
	const verifier = client.randomPKCECodeVerifier();
	const url = client.buildAuthorizationUrl( config, {
		redirect_uri: testClient.redirectUri,
		scope: 'openid',
		state: 'plain-form',
		code_challenge: await client.calculatePKCECodeChallenge( verifier ),
		code_challenge_method: 'S256',
	} );
	const page = await context.newPage();
	await page.route(
		( target ) => target.href.startsWith( testClient.redirectUri ),
		( route ) => route.fulfill( { status: 200, body: 'callback reached' } )
	);
	const callback = page.waitForRequest( ( r ) =>
		r.url().startsWith( testClient.redirectUri )
	);
	await page.goto( url.href );
	await expect( page.locator( '.keystone-oidc-consent' ) ).toHaveCount( 0 );
	await page.getByRole( 'button', { name: 'Allow', exact: true } ).click();
	const returned = new URL( ( await callback ).url() );
	expect( returned.searchParams.get( 'code' ) ).toBeTruthy();
	expect( returned.searchParams.get( 'state' ) ).toBe( 'plain-form' );
	await context.close();
} );
