/**
 * The screens of dynamic registration: the Settings card (policy, idle days, REST access, initial
 * access tokens shown once and revoked) and the Clients list marking what registered itself.
 * The policy is site-wide, so this runs on a site of its own.
 */
import { test, expect } from '../support/test';
import { startOwnSite, type RunningSite } from '../support/site';
import {
	asAdmin,
	settings as readSettings,
} from '../protocol/support/provider';
import {
	clipboardText,
	expectAccessible,
	screenshot,
	screenUrl,
	signedInBrowser,
	watchConsole,
} from '../admin/support';
import {
	createInitialToken,
	nativeMetadata,
	registerOk,
	setPolicy,
} from './support';

let site: RunningSite;

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	test.setTimeout( 180_000 );
	site = await startOwnSite( `registration-screens-${ process.pid }`, [
		'--test-plugins',
	] );
} );

test.afterAll( async () => {
	await site?.stop();
} );

test( 'the Settings card sets the policy and creates, shows once and revokes an initial access token', async ( {
	browser,
} ) => {
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	const consoleErrors = watchConsole( page );
	await page.goto( screenUrl( 'keystone-oidc-settings' ) );
	const card = page.locator( '.keystone-oidc-registration' );
	await expect( card ).toBeVisible();
	await expect(
		card.getByRole( 'radio', { name: /^Nobody/ } )
	).toBeChecked();

	await card
		.getByRole( 'radio', {
			name: /^Whoever holds an initial access token/,
		} )
		.check();
	const days = card.getByLabel( /unused for \(days\)/ );
	await days.fill( 'soon' );
	await expect(
		card.getByRole( 'button', { name: 'Save Registration Settings' } )
	).toBeDisabled();
	await days.fill( '30' );
	await card
		.getByLabel( 'REST API access of dynamically registered clients' )
		.selectOption( 'read' );
	await card
		.getByRole( 'button', { name: 'Save Registration Settings' } )
		.click();
	await expect(
		page
			.locator( '#keystone-oidc-app' )
			.getByText( 'Dynamic registration settings saved.' )
	).toBeVisible();
	expect( await readSettings() ).toMatchObject( {
		dynamic_registration: 'token',
		dynamic_client_idle_days: 30,
		dynamic_rest_access: 'read',
	} );

	await expect( card ).toContainText( 'No initial access tokens yet.' );
	await card
		.getByRole( 'button', { name: 'Create Initial Access Token' } )
		.click();
	const shown = card.locator( '.keystone-oidc-copyable.is-secret code' );
	await expect( shown ).toHaveText( /^[A-Za-z0-9_-]{43}$/ );
	const token = ( await shown.textContent() ) as string;
	await card
		.getByRole( 'button', { name: 'Copy New initial access token' } )
		.click();
	expect( await clipboardText( page ) ).toBe( token );
	const rows = card.locator(
		'table.keystone-oidc-registration-tokens tbody tr'
	);
	await expect( rows ).toHaveCount( 1 );
	await expect( rows.first() ).toContainText( 'Never' );
	await expectAccessible( page );
	await screenshot( page, 'registration-settings-card' );

	// The token works until it is revoked.
	await registerOk( nativeMetadata(), token );
	await page.reload();
	await expect( rows.first() ).not.toContainText( 'Never' );
	// Shown once: after a reload only its id is left.
	await expect( page.getByText( token ) ).toHaveCount( 0 );

	await rows.first().getByRole( 'button', { name: 'Revoke' } ).click();
	const modal = page.getByRole( 'dialog', {
		name: /^Revoke the initial access token/,
	} );
	await modal.getByRole( 'button', { name: 'Revoke' } ).click();
	await expect(
		page
			.locator( '#keystone-oidc-app' )
			.getByText( 'Initial access token revoked.' )
	).toBeVisible();
	await expect( card ).toContainText( 'No initial access tokens yet.' );
	expect( consoleErrors ).toEqual( [] );
	await context.close();
} );

test( 'the Clients list marks dynamically registered clients, and the admin deletes one', async ( {
	browser,
} ) => {
	await setPolicy( 'loopback' );
	const open = await registerOk(
		nativeMetadata( { client_name: 'Opened by itself' } )
	);
	await setPolicy( 'token' );
	const initial = await createInitialToken();
	await registerOk(
		nativeMetadata( { client_name: 'Registered with a token' } ),
		initial.token
	);

	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	const consoleErrors = watchConsole( page );
	await page.goto( screenUrl( 'keystone-oidc' ) );
	const app = page.locator( '#keystone-oidc-app' );
	const openRow = app.getByRole( 'row', { name: /Opened by itself/ } );
	await expect( openRow ).toContainText(
		/Registered dynamically on .+ by open registration/
	);
	await expect(
		app.getByRole( 'row', { name: /Registered with a token/ } )
	).toContainText( `by initial access token ${ initial.id }` );
	await expectAccessible( page );
	await screenshot( page, 'registration-clients-list' );

	await page.goto(
		screenUrl( 'keystone-oidc-new', { client_id: open.client_id } )
	);
	await app.getByRole( 'button', { name: 'Delete Client' } ).click();
	await page
		.getByRole( 'dialog', { name: 'Delete “Opened by itself”?' } )
		.getByRole( 'button', { name: 'Delete Client' } )
		.click();
	await expect( page ).toHaveURL( /page=keystone-oidc/ );
	await expect(
		app.getByRole( 'row', { name: /Opened by itself/ } )
	).toHaveCount( 0 );
	const gone = await asAdmin( ( session ) =>
		session.get( 'keystone-oidc/v1/registrations' )
	);
	expect( JSON.stringify( await gone.json() ) ).not.toContain(
		open.client_id
	);
	expect( consoleErrors ).toEqual( [] );
	await context.close();
} );
