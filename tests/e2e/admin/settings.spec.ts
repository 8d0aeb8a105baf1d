/**
 * Settings: what an admin copies into a relying party, key rotation (old tokens keep working) and
 * revoking every token (they stop working).
 */
import type { Browser } from '@playwright/test';
import { test, expect } from '../support/test';
import { createUser } from '../support/wp';
import { raw } from '../protocol/support/http';
import { signIn, signedInContext } from '../protocol/support/flow';
import {
	callbackUri,
	createClient,
	endpoint,
	issuer,
	settings as readSettings,
} from '../protocol/support/provider';
import {
	clipboardText,
	expectAccessible,
	screenshot,
	screenUrl,
	signedInBrowser,
	uniqueName,
	watchConsole,
} from './support';

// Rotation and revoke-all act on the whole provider: one at a time within this file.
test.describe.configure( { mode: 'serial' } );

test( 'the settings screen shows the issuer, every endpoint with a copy button, the key and the version', async ( {
	browser,
} ) => {
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	const consoleErrors = watchConsole( page );
	await page.goto( screenUrl( 'keystone-oidc-settings' ) );
	const app = page.locator( '#keystone-oidc-app' );
	const current = await readSettings();

	await expect(
		app.locator( '.keystone-oidc-copyable', { hasText: 'Issuer' } )
	).toContainText( issuer() );
	await expect( app ).toContainText( current.kid );
	await expect( app ).toContainText( current.version );
	await expect( app ).toContainText(
		'Enabled — the endpoints can be reached.'
	);

	const endpoints = app.locator( 'table.keystone-oidc-endpoints' );
	for ( const name of [
		'authorize',
		'token',
		'userinfo',
		'jwks',
	] as const ) {
		await expect( endpoints ).toContainText( endpoint( name ) );
	}
	await endpoints.getByRole( 'button', { name: 'Copy Token' } ).click();
	expect( await clipboardText( page ) ).toBe( endpoint( 'token' ) );
	await app.getByRole( 'button', { name: 'Copy Issuer' } ).click();
	expect( await clipboardText( page ) ).toBe( issuer() );

	await expectAccessible( page );
	await screenshot( page, 'admin-settings' );
	expect( consoleErrors ).toEqual( [] );
	await context.close();
} );

async function tokensForNewClient( browser: Browser ) {
	const client = await createClient( {
		name: uniqueName( 'Settings RP' ),
		redirect_uris: [ callbackUri( 'settings' ) ],
		scopes: [ 'openid', 'profile', 'offline_access' ],
	} );
	const user = await createUser( 'subscriber' );
	const context = await signedInContext( browser, user );
	const { tokens } = await signIn( context, client, {
		scope: 'openid profile offline_access',
	} );
	await context.close();
	return { client, tokens };
}

test( 'rotate signing keys: the confirmation explains old tokens stay valid, and they do', async ( {
	browser,
} ) => {
	const { tokens } = await tokensForNewClient( browser );
	const before = await readSettings();

	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	await page.goto( screenUrl( 'keystone-oidc-settings' ) );
	const app = page.locator( '#keystone-oidc-app' );
	await app.getByRole( 'button', { name: 'Rotate Signing Keys' } ).click();
	const modal = page.getByRole( 'dialog', {
		name: 'Rotate the signing keys?',
	} );
	await expect( modal ).toContainText(
		'Tokens already issued stay valid until they expire'
	);
	await expectAccessible( page, [
		'#keystone-oidc-app',
		'.components-modal__frame',
	] );
	await screenshot( page, 'admin-rotate-keys-confirm', { fullPage: false } );
	await modal.getByRole( 'button', { name: 'Rotate Signing Keys' } ).click();
	await expect( modal ).toBeHidden();

	const after = await readSettings();
	expect( after.kid ).not.toBe( before.kid );
	await expect(
		app.getByText(
			`Signing keys rotated. New tokens are signed with key ${ after.kid }.`
		)
	).toBeVisible();
	const keys = app.locator( '.keystone-oidc-keys table' );
	await expect( keys.locator( 'tr', { hasText: after.kid } ) ).toContainText(
		'Current'
	);
	await expect( keys.locator( 'tr', { hasText: before.kid } ) ).toContainText(
		'Retired — still published until'
	);

	// The token signed before the rotation still works.
	const userinfo = await raw( 'userinfo', { bearer: tokens.access_token } );
	expect( userinfo.status, userinfo.text ).toBe( 200 );
	await screenshot( page, 'admin-rotate-keys-done' );
	await context.close();
} );

test( 'revoke all tokens: its own confirmation, a count, and the tokens stop working', async ( {
	browser,
} ) => {
	const { tokens } = await tokensForNewClient( browser );
	expect(
		( await raw( 'userinfo', { bearer: tokens.access_token } ) ).status
	).toBe( 200 );

	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	await page.goto( screenUrl( 'keystone-oidc-settings' ) );
	const app = page.locator( '#keystone-oidc-app' );
	await app.getByRole( 'button', { name: 'Revoke All Tokens' } ).click();
	const modal = page.getByRole( 'dialog', { name: 'Revoke all tokens?' } );
	await expect( modal ).toContainText( 'stops working immediately' );
	await expectAccessible( page, [
		'#keystone-oidc-app',
		'.components-modal__frame',
	] );
	await screenshot( page, 'admin-revoke-all-confirm', { fullPage: false } );

	await modal.getByRole( 'button', { name: 'Cancel' } ).click();
	expect(
		( await raw( 'userinfo', { bearer: tokens.access_token } ) ).status
	).toBe( 200 );

	await app.getByRole( 'button', { name: 'Revoke All Tokens' } ).click();
	await modal.getByRole( 'button', { name: 'Revoke All Tokens' } ).click();
	await expect( modal ).toBeHidden();
	const notice = app.locator( '.components-notice.is-success' );
	await expect( notice ).toContainText(
		/\d+ tokens? revoked\. Every application must sign its users in again\./
	);
	const count = Number(
		/(\d+) tokens? revoked/.exec(
			( await notice.textContent() ) ?? ''
		)?.[ 1 ]
	);
	// At least this test's access and refresh token.
	expect( count ).toBeGreaterThanOrEqual( 2 );

	const after = await raw( 'userinfo', { bearer: tokens.access_token } );
	expect( after.status, after.text ).toBe( 401 );
	await context.close();
} );
