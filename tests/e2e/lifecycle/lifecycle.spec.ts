/**
 * Activation, deactivation, reactivation and uninstall, the way an admin does them, on a site of
 * its own with a copy of the plugin (deleting a linked working tree would delete the sources).
 */
import { test, expect, type Page } from '@playwright/test';
import { startSite, type RunningSite } from '../support/site';
import { loginPageAt } from '../support/wp';
import { expectPhpLogsUnchanged, phpLogSizes } from '../support/test';

interface PluginState {
	schema: string | false;
	tables: Record< string, number | null >;
	options: { option_name: string; autoload: string }[];
	keys: number;
	cron: boolean;
	active: boolean;
}

let site: RunningSite;

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	test.setTimeout( 180_000 );
	site = await startSite( `lifecycle-${ process.pid }`, [
		'--copy-plugin',
		'--test-plugins',
	] );
} );

test.afterAll( async () => {
	await site?.stop();
} );

// This site is not the suite's, so the suite's log guard does not see it: watch its logs here.
let logSizes: Map< string, number >;
test.beforeEach( () => {
	logSizes = phpLogSizes( site.dir );
} );
test.afterEach( () => {
	expectPhpLogsUnchanged( logSizes );
} );

function login( page: Page ): Promise< void > {
	return loginPageAt( page, site.url );
}

async function restNonce( page: Page ): Promise< string > {
	const response = await page.request.get(
		`${ site.url }/wp-admin/admin-ajax.php?action=rest-nonce`
	);
	return ( await response.text() ).trim();
}

async function state( page: Page ): Promise< PluginState > {
	const nonce = await restNonce( page );
	const response = await page.request.get(
		`${ site.url }/wp-json/keystone-test/v1/state`,
		{
			headers: { 'X-WP-Nonce': nonce },
		}
	);
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( await response.json() ) as PluginState;
}

function pluginRow( page: Page ) {
	return page.locator( 'tr[data-slug="keystone-oidc"]' ).first();
}

test( 'activation creates the tables, a signing key and the cleanup job; keys are not autoloaded', async ( {
	page,
} ) => {
	await login( page );
	const after = await state( page );
	expect( after.active ).toBe( true );
	expect( after.tables ).toEqual( {
		oidc_clients: 0,
		oidc_auth_codes: 0,
		oidc_tokens: 0,
		oidc_consents: 0,
		oidc_registrations: 0,
		oidc_device_codes: 0,
		oidc_assertion_jtis: 0,
		oidc_activity: 0,
	} );
	expect( after.schema ).toBe( '6' );
	expect( after.keys ).toBeGreaterThanOrEqual( 1 );
	expect( after.cron ).toBe( true );
	const keyOption = after.options.find(
		( option ) => option.option_name === 'keystone_oidc_keys'
	);
	expect( keyOption, 'the key option exists' ).toBeDefined();
	expect( [ 'no', 'off' ] ).toContain( keyOption?.autoload );
} );

test( 'deactivating and reactivating keeps the data and the key', async ( {
	page,
} ) => {
	await login( page );
	const before = await state( page );
	await page.goto( `${ site.url }/wp-admin/plugins.php` );
	await pluginRow( page )
		.getByRole( 'link', { name: /Deactivate/ } )
		.click();
	await expect(
		pluginRow( page ).getByRole( 'link', { name: /^Activate/ } )
	).toBeVisible();
	const deactivated = await state( page );
	expect( deactivated.active ).toBe( false );
	expect( deactivated.tables ).toEqual( before.tables );
	expect( deactivated.cron ).toBe( false );

	await pluginRow( page )
		.getByRole( 'link', { name: /^Activate/ } )
		.click();
	await expect(
		pluginRow( page ).getByRole( 'link', { name: /Deactivate/ } )
	).toBeVisible();
	const reactivated = await state( page );
	expect( reactivated.active ).toBe( true );
	expect( reactivated.tables ).toEqual( before.tables );
	expect( reactivated.keys ).toBe( before.keys );
} );

test( 'files replaced by a newer version upgrade the schema and the endpoints on the next request, without a new activation', async ( {
	page,
} ) => {
	await login( page );
	const before = await state( page );
	const aged = await page.request.post(
		`${ site.url }/wp-json/keystone-test/v1/age-install`,
		{ headers: { 'X-WP-Nonce': await restNonce( page ) } }
	);
	expect( aged.status(), await aged.text() ).toBe( 200 );
	expect( await aged.json() ).toEqual( { version: '2' } );

	// The first request after the update already reaches the endpoint: the upgrade runs on
	// `init`, before WordPress parses the request.
	const discovery = await page.request.get(
		`${ site.url }/.well-known/openid-configuration`,
		{ maxRedirects: 0 }
	);
	expect( discovery.status() ).toBe( 200 );
	expect( ( await discovery.json() ).issuer ).toBe( site.url );

	const upgraded = await state( page );
	expect( upgraded.schema ).toBe( '6' );
	expect( upgraded.tables.oidc_consents ).toBe( 0 );
	expect( upgraded.tables.oidc_assertion_jtis ).toBe( 0 );
	expect( upgraded.active ).toBe( true );
	expect( upgraded.keys ).toBe( before.keys );
} );

test( 'deleting the plugin leaves nothing behind', async ( { page } ) => {
	await login( page );
	await page.goto( `${ site.url }/wp-admin/plugins.php` );
	await pluginRow( page )
		.getByRole( 'link', { name: /Deactivate/ } )
		.click();
	page.once( 'dialog', ( dialog ) => void dialog.accept() );
	await pluginRow( page )
		.getByRole( 'link', { name: /Delete/ } )
		.click();
	await expect(
		page.locator( '#keystone-oidc-deleted, .plugin-deleted-tr' )
	).toBeVisible();
	const after = await state( page );
	expect( after.tables ).toEqual( {
		oidc_clients: null,
		oidc_auth_codes: null,
		oidc_tokens: null,
		oidc_consents: null,
		oidc_registrations: null,
		oidc_device_codes: null,
		oidc_assertion_jtis: null,
		oidc_activity: null,
	} );
	expect( after.options ).toEqual( [] );
	expect( after.cron ).toBe( false );
} );
