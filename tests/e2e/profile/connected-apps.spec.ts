/**
 * Connected Applications on a user's own profile screen: a subscriber sees the applications they
 * allowed, in plain language, and revokes one after confirming; its tokens then stop working.
 */
import { test, expect } from '../support/test';
import { baseUrl } from '../support/env';
import { createUser, type WpUser } from '../support/wp';
import { raw } from '../protocol/support/http';
import { signIn, signedInContext, type Tokens } from '../protocol/support/flow';
import {
	callbackUri,
	createClient,
	type TestClient,
} from '../protocol/support/provider';
import {
	expectAccessible,
	screenshot,
	signedInBrowser,
	uniqueName,
	watchConsole,
} from '../admin/support';

const PROFILE = '/wp-admin/profile.php';
const SECTION = '#keystone-oidc-connected-apps';

const hostileName = `<img src=x onerror="window.__pwned = 1"> Chat & "Co"`;

async function allow(
	browser: import('@playwright/test').Browser,
	user: WpUser,
	testClient: TestClient,
	scope: string
): Promise< Tokens > {
	const context = await signedInContext( browser, user );
	const { tokens } = await signIn( context, testClient, { scope } );
	await context.close();
	return tokens;
}

async function userinfoStatus( tokens: Tokens ): Promise< number > {
	return ( await raw( 'userinfo', { bearer: tokens.access_token } ) ).status;
}

test( 'a subscriber sees the applications they allowed and revokes one after confirming', async ( {
	browser,
} ) => {
	const user = await createUser( 'subscriber' );
	const wiki = await createClient( {
		name: uniqueName( 'Team Wiki' ),
		redirect_uris: [ callbackUri( 'profile-wiki' ) ],
	} );
	const chat = await createClient( {
		name: hostileName,
		redirect_uris: [ callbackUri( 'profile-chat' ) ],
	} );
	const never = await createClient( { name: uniqueName( 'Never allowed' ) } );
	const wikiTokens = await allow(
		browser,
		user,
		wiki,
		'openid profile email'
	);
	const chatTokens = await allow( browser, user, chat, 'openid' );

	const context = await signedInBrowser(
		browser,
		user.username,
		user.password
	);
	const page = await context.newPage();
	const consoleErrors = watchConsole( page );
	await page.goto( `${ baseUrl() }${ PROFILE }` );
	const section = page.getByRole( 'region', {
		name: 'Connected Applications',
	} );
	const wikiCard = section
		.locator( '.keystone-oidc-profile__app' )
		.filter( { hasText: wiki.name } );
	const chatCard = section
		.locator( '.keystone-oidc-profile__app' )
		.filter( { hasText: 'Chat & "Co"' } );
	await expect( wikiCard ).toBeVisible();
	await expect( chatCard ).toBeVisible();
	await expect( section ).not.toContainText( never.name );

	await expect( wikiCard.getByRole( 'heading', { level: 3 } ) ).toHaveText(
		wiki.name
	);
	await expect( wikiCard ).toContainText(
		/Allowed on [A-Z][a-z]+ \d{1,2}, \d{4}/
	);
	const scopes = wikiCard.getByRole( 'listitem' );
	await expect( scopes ).toHaveCount( 3 );
	await expect( wikiCard ).toContainText( 'Your email address' );
	await expect( wikiCard ).toContainText(
		'Your name, username, profile picture and website'
	);
	await expect( chatCard.getByRole( 'listitem' ) ).toHaveCount( 1 );

	// The registered name is text, never markup.
	await expect( chatCard.getByRole( 'heading', { level: 3 } ) ).toHaveText(
		hostileName
	);
	await expect( section.locator( 'img' ) ).toHaveCount( 0 );
	expect(
		await page.evaluate( () => ( window as { __pwned?: number } ).__pwned )
	).toBeUndefined();

	await expectAccessible( page, [ SECTION ] );
	await screenshot( page, 'profile-connected-apps' );

	// Cancel changes nothing.
	await wikiCard.getByRole( 'button', { name: 'Revoke Access' } ).click();
	const modal = page.getByRole( 'dialog', {
		name: `Revoke access for ${ wiki.name }?`,
	} );
	await expect( modal ).toContainText( 'signed out of your account at once' );
	await expectAccessible( page, [ SECTION, '.components-modal__frame' ] );
	await screenshot( page, 'profile-revoke-confirm', { fullPage: false } );
	await modal.getByRole( 'button', { name: 'Cancel' } ).click();
	await expect( modal ).toBeHidden();
	await expect( wikiCard ).toBeVisible();
	expect( await userinfoStatus( wikiTokens ) ).toBe( 200 );

	await wikiCard.getByRole( 'button', { name: 'Revoke Access' } ).click();
	await modal.getByRole( 'button', { name: 'Revoke Access' } ).click();
	await expect( modal ).toBeHidden();
	const outcome = section.locator( '.keystone-oidc-profile__notice' );
	await expect( outcome ).toContainText(
		`${ wiki.name } can no longer sign you in or read your information.`
	);
	// The revoked card's button is gone; focus lands on the outcome, not the top of the page.
	await expect( outcome ).toBeFocused();
	await expect( wikiCard ).toHaveCount( 0 );
	await expect( chatCard ).toBeVisible();

	expect( await userinfoStatus( wikiTokens ) ).toBe( 401 );
	expect( await userinfoStatus( chatTokens ) ).toBe( 200 );

	await page.reload();
	await expect( chatCard ).toBeVisible();
	await expect( wikiCard ).toHaveCount( 0 );
	expect( consoleErrors ).toEqual( [] );
	await context.close();
} );

test( 'a user who allowed nothing sees that, and the section is only on their own profile', async ( {
	browser,
} ) => {
	const user = await createUser( 'subscriber' );
	const context = await signedInBrowser(
		browser,
		user.username,
		user.password
	);
	const page = await context.newPage();
	const consoleErrors = watchConsole( page );
	await page.goto( `${ baseUrl() }${ PROFILE }` );
	await expect( page.locator( SECTION ) ).toContainText(
		'You have not allowed any application to sign you in with this site.'
	);
	await expectAccessible( page, [ SECTION ] );
	expect( consoleErrors ).toEqual( [] );
	await context.close();

	// An administrator editing this user's profile sees no such section: it shows only the
	// signed-in user's own applications.
	const adminContext = await signedInBrowser( browser );
	const adminPage = await adminContext.newPage();
	await adminPage.goto(
		`${ baseUrl() }/wp-admin/user-edit.php?user_id=${ user.id }`
	);
	await expect( adminPage.locator( '#your-profile' ) ).toBeVisible();
	await expect( adminPage.locator( SECTION ) ).toHaveCount( 0 );
	await adminContext.close();
} );
