/**
 * The editable settings on the Settings screen (issue 14): values shown as stored, out-of-range
 * values caught beside their field with nothing saved, a save that the REST API then returns, and
 * the Add Client form starting with the default allowed roles. Saving changes the whole provider
 * (lifetimes, roles of every new client), so this runs on a site of its own.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test, expect } from '../support/test';
import { startOwnSite, type RunningSite } from '../support/site';
import { loginRequest, type RestSession } from '../support/wp';
import { admin as adminUser } from '../support/env';
import { route, session } from '../rest/support';
import { readSettings, type EditableSettings } from '../rest/settings-support';
import {
	expectAccessible,
	screenshot,
	screenUrl,
	watchConsole,
} from './support';

let site: RunningSite;
let admin: RestSession;

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	test.setTimeout( 180_000 );
	site = await startOwnSite( `settings-edit-${ process.pid }`, [
		'--test-plugins',
	] );
	admin = await session();
} );

test.afterAll( async () => {
	await admin?.dispose();
	await site?.stop();
} );

function stored(): Promise< EditableSettings > {
	return readSettings( admin );
}

/** A browser signed in as the administrator of this spec's site. */
async function adminBrowser( browser: Browser ): Promise< BrowserContext > {
	const request = await loginRequest(
		adminUser.username,
		adminUser.password
	);
	const storageState = await request.storageState();
	await request.dispose();
	return browser.newContext( {
		storageState,
		viewport: { width: 1280, height: 900 },
	} );
}

async function openSettings( page: Page ) {
	await page.goto( screenUrl( 'keystone-oidc-settings' ) );
	const card = page.locator( '.keystone-oidc-provider-settings' );
	await expect( card ).toBeVisible();
	return card;
}

test( 'the card shows the stored values, and an out-of-range value is shown beside its field with nothing saved', async ( {
	browser,
} ) => {
	const before = await stored();
	const context = await adminBrowser( browser );
	const page = await context.newPage();
	const consoleErrors = watchConsole( page );
	const card = await openSettings( page );

	const access = card.getByRole( 'spinbutton', {
		name: 'Access token lifetime (seconds)',
	} );
	await expect( access ).toHaveValue( '3600' );
	await expect(
		card.getByRole( 'spinbutton', {
			name: 'Authorization code lifetime (seconds)',
		} )
	).toHaveValue( '60' );
	const trust = card.getByRole( 'checkbox', {
		name: 'Assert email_verified for addresses WordPress confirmed',
	} );
	await expect( trust ).not.toBeChecked();
	await expect( card ).toContainText( 'take over the matching account' );
	await expectAccessible( page );
	await screenshot( page, 'admin-settings-edit' );

	await access.fill( '30' );
	const rotation = card.getByRole( 'spinbutton', {
		name: 'Rotate the signing keys every (days)',
	} );
	await rotation.fill( '3' );
	await card.getByRole( 'button', { name: 'Save Settings' } ).click();
	await expect( access ).toHaveAttribute( 'aria-invalid', 'true' );
	await expect( card ).toContainText( 'A whole number from 60 to 86400.' );
	await expect( card ).toContainText(
		'0 (off) or a whole number from 7 to 365.'
	);
	await expect( page.locator( '.components-notice.is-error' ) ).toContainText(
		'Some settings are out of range; nothing was saved.'
	);
	await expectAccessible( page );
	await screenshot( page, 'admin-settings-edit-errors' );
	expect( await stored() ).toEqual( before );

	expect( consoleErrors ).toEqual( [] );
	await context.close();
} );

test( 'a save is stored and returned by the REST API, and shown again after a reload', async ( {
	browser,
} ) => {
	const context = await adminBrowser( browser );
	const page = await context.newPage();
	const consoleErrors = watchConsole( page );
	const card = await openSettings( page );

	await card
		.getByRole( 'spinbutton', { name: 'Access token lifetime (seconds)' } )
		.fill( '900' );
	await card
		.getByRole( 'spinbutton', {
			name: 'Refresh token lifetime (seconds)',
		} )
		.fill( '604800' );
	await card
		.getByRole( 'group', { name: 'Roles new clients allow' } )
		.getByRole( 'checkbox', { name: 'Editor' } )
		.check();
	await card
		.getByRole( 'checkbox', {
			name: 'Assert email_verified for addresses WordPress confirmed',
		} )
		.check();
	await card
		.getByRole( 'spinbutton', {
			name: 'Ask for consent again after (days)',
		} )
		.fill( '30' );
	await card
		.getByRole( 'spinbutton', {
			name: 'Rotate the signing keys every (days)',
		} )
		.fill( '90' );
	await card.getByRole( 'button', { name: 'Save Settings' } ).click();
	await expect(
		page.locator( '.components-notice.is-success' )
	).toContainText( 'Settings saved.' );

	const saved = await stored();
	expect( saved.lifetimes ).toEqual( {
		access: 900,
		id: 3600,
		refresh: 604800,
		code: 60,
	} );
	expect( saved.default_allowed_roles ).toEqual( [ 'editor' ] );
	expect( saved.trust_email ).toBe( true );
	expect( saved.consent_remember_days ).toBe( 30 );
	expect( saved.key_rotation_days ).toBe( 90 );

	await page.reload();
	const again = page.locator( '.keystone-oidc-provider-settings' );
	await expect(
		again.getByRole( 'spinbutton', {
			name: 'Access token lifetime (seconds)',
		} )
	).toHaveValue( '900' );
	await expect(
		again
			.getByRole( 'group', { name: 'Roles new clients allow' } )
			.getByRole( 'checkbox', { name: 'Editor' } )
	).toBeChecked();
	await expectAccessible( page );
	expect( consoleErrors ).toEqual( [] );
	await context.close();
} );

test( 'the Add Client form starts with the default allowed roles', async ( {
	browser,
} ) => {
	expect( ( await stored() ).default_allowed_roles ).toEqual( [ 'editor' ] );
	const context = await adminBrowser( browser );
	const page = await context.newPage();
	const consoleErrors = watchConsole( page );
	await page.goto( screenUrl( 'keystone-oidc-new' ) );
	await page.getByRole( 'button', { name: 'Advanced Settings' } ).click();
	const roles = page.getByRole( 'group', { name: 'Allowed Roles' } );
	await expect(
		roles.getByRole( 'checkbox', { name: 'Editor' } )
	).toBeChecked();
	await expect(
		roles.getByRole( 'checkbox', { name: 'Subscriber' } )
	).not.toBeChecked();
	await expectAccessible( page );
	expect( consoleErrors ).toEqual( [] );
	await context.close();

	const reset = await admin.put( route( 'settings' ), {
		lifetimes: { access: 3600, refresh: 2592000 },
		default_allowed_roles: [],
		trust_email: false,
		consent_remember_days: 0,
		key_rotation_days: 0,
	} );
	expect( reset.status(), await reset.text() ).toBe( 200 );
} );
