/**
 * Edit Client: change the configuration, keep unsaved changes from being lost, reset the secret
 * (the old one stops working), and delete the client (its tokens stop working).
 */
import { test, expect } from '../support/test';
import { createUser } from '../support/wp';
import { raw } from '../protocol/support/http';
import { signIn, signedInContext } from '../protocol/support/flow';
import {
	adminSession,
	callbackUri,
	createClient,
} from '../protocol/support/provider';
import {
	clientAuthenticates,
	clipboardText,
	expectAccessible,
	screenshot,
	screenUrl,
	signedInBrowser,
	uniqueName,
	watchConsole,
} from './support';

test( 'the Clients list finds, sorts and opens a client for editing', async ( {
	browser,
} ) => {
	const first = await createClient( { name: uniqueName( 'Alpha list' ) } );
	const second = await createClient( {
		name: uniqueName( 'Beta list' ),
		type: 'public',
	} );
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	const consoleErrors = watchConsole( page );
	await page.goto( screenUrl( 'keystone-oidc' ) );
	const app = page.locator( '#keystone-oidc-app' );
	const table = app.locator( 'table.dataviews-view-table' );
	await expect( table ).toBeVisible();

	// The discovery URL is at the top, with a working copy button.
	await app
		.getByRole( 'button', { name: 'Copy Discovery URL' } )
		.first()
		.click();
	expect( await clipboardText( page ) ).toMatch(
		/\/\.well-known\/openid-configuration$/
	);

	await expectAccessible( page );
	await screenshot( page, 'admin-clients-list' );

	await app
		.getByRole( 'searchbox', { name: 'Search clients' } )
		.fill( first.name );
	await expect( table.locator( 'tbody tr' ) ).toHaveCount( 1 );
	await expect( table.locator( 'tbody' ) ).toContainText( first.client_id );
	await expect( page ).toHaveURL( /[?&]s=/ );

	// Both test clients, sorted by name both ways.
	await app
		.getByRole( 'searchbox', { name: 'Search clients' } )
		.fill( ' list ' );
	const nameHeader = table.getByRole( 'columnheader', { name: /Name/ } );
	// DataViews sorts from the column header's menu.
	const sortByName = async ( direction: 'ascending' | 'descending' ) => {
		await nameHeader.getByRole( 'button' ).click();
		await page
			.getByRole( 'menuitemradio', { name: `Sort ${ direction }` } )
			.click();
		await page.keyboard.press( 'Escape' );
	};
	await sortByName( 'ascending' );
	await expect( nameHeader ).toHaveAttribute( 'aria-sort', 'ascending' );
	const rows = table.locator( 'tbody tr .row-title' );
	const ascending = await rows.allTextContents();
	expect( ascending.indexOf( first.name ) ).toBeLessThan(
		ascending.indexOf( second.name )
	);
	await sortByName( 'descending' );
	await expect( nameHeader ).toHaveAttribute( 'aria-sort', 'descending' );
	const descending = await rows.allTextContents();
	expect( descending.indexOf( first.name ) ).toBeGreaterThan(
		descending.indexOf( second.name )
	);
	await expect(
		table.locator( 'tr', { hasText: second.name } )
	).toContainText( 'Public' );

	await table.getByRole( 'link', { name: `Edit “${ first.name }”` } ).click();
	await expect( page ).toHaveURL(
		new RegExp( `page=keystone-oidc-new&client_id=${ first.client_id }` )
	);
	await expect(
		page.getByRole( 'heading', { level: 1, name: 'Edit Client' } )
	).toBeVisible();
	// Editing highlights Clients in the menu, where the admin came from.
	await expect(
		page.locator( '#adminmenu .wp-submenu li.current a' )
	).toHaveText( 'Clients' );
	expect( consoleErrors ).toEqual( [] );
	await context.close();
} );

test( 'edit a client: every field is saved, and unsaved changes are protected', async ( {
	browser,
} ) => {
	const created = await createClient( { name: uniqueName( 'Editable' ) } );
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	const consoleErrors = watchConsole( page );
	await page.goto(
		screenUrl( 'keystone-oidc-new', { client_id: created.client_id } )
	);
	const app = page.locator( '#keystone-oidc-app' );
	await expect( page.getByLabel( 'Application Name' ) ).toHaveValue(
		created.name
	);
	const save = app.getByRole( 'button', { name: 'Save Changes' } );
	await expect( save ).toBeDisabled();

	const newName = uniqueName( 'Renamed' );
	await page.getByLabel( 'Application Name' ).fill( newName );
	await page
		.getByLabel( 'Redirect URIs', { exact: true } )
		.fill( 'https://renamed.example.test/callback\nhttp://[::1]:4000/cb' );
	await page.getByRole( 'checkbox', { name: 'offline_access' } ).check();
	await page.getByRole( 'checkbox', { name: 'email' } ).uncheck();
	await page
		.getByLabel( 'Post-Logout Redirect URIs' )
		.fill( 'https://renamed.example.test/bye' );
	await page.getByLabel( 'Audiences' ).fill( 'https://api.example.test/' );
	await page.getByRole( 'checkbox', { name: 'Editor' } ).check();
	await page
		.getByRole( 'checkbox', { name: /Skip the consent screen/ } )
		.check();
	await page
		.getByRole( 'checkbox', { name: /Also grant offline access/ } )
		.check();
	await page
		.getByRole( 'checkbox', { name: 'Issue refresh tokens' } )
		.uncheck();
	await page.getByRole( 'radio', { name: /^ES256/ } ).check();
	await expect( app.getByText( 'You have unsaved changes.' ) ).toBeVisible();
	await expect( save ).toBeEnabled();

	// Leaving now asks first; staying keeps the edits.
	const dialog = new Promise< string >( ( resolve ) =>
		page.once( 'dialog', async ( shown ) => {
			resolve( shown.type() );
			await shown.dismiss();
		} )
	);
	await page
		.locator( '#adminmenu' )
		.getByRole( 'link', { name: 'Settings', exact: true } )
		.last()
		.click();
	expect( await dialog ).toBe( 'beforeunload' );
	await expect( page.getByLabel( 'Application Name' ) ).toHaveValue(
		newName
	);

	await expectAccessible( page );
	await screenshot( page, 'admin-edit-client' );
	await save.click();
	await expect( app.getByText( 'Client updated.' ) ).toBeVisible();
	await expect( save ).toBeDisabled();

	const session = await adminSession();
	const stored = ( await (
		await session.get(
			`keystone-oidc/v1/clients/${ encodeURIComponent(
				created.client_id
			) }`
		)
	).json() ) as Record< string, unknown >;
	expect( stored ).toMatchObject( {
		name: newName,
		redirect_uris: [
			'https://renamed.example.test/callback',
			'http://[::1]:4000/cb',
		],
		post_logout_redirect_uris: [ 'https://renamed.example.test/bye' ],
		audiences: [ 'https://api.example.test/' ],
		allowed_roles: [ 'editor' ],
		skip_consent: true,
		skip_consent_offline_access: true,
		refresh_tokens: false,
		id_token_signed_response_alg: 'ES256',
	} );
	expect( [ ...( stored.scopes as string[] ) ].sort() ).toEqual( [
		'offline_access',
		'openid',
		'profile',
	] );

	// Saved: leaving no longer asks.
	let asked = false;
	page.once( 'dialog', async ( shown ) => {
		asked = true;
		await shown.dismiss();
	} );
	await page.reload();
	await expect( page.getByLabel( 'Application Name' ) ).toHaveValue(
		newName
	);
	expect( asked ).toBe( false );
	expect( consoleErrors ).toEqual( [] );
	await context.close();
} );

test( 'reset the secret: the new one is shown once and the old one stops working', async ( {
	browser,
} ) => {
	const created = await createClient( { name: uniqueName( 'Resettable' ) } );
	const oldSecret = created.client_secret!;
	expect( await clientAuthenticates( created.client_id, oldSecret ) ).toBe(
		true
	);

	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	await page.goto(
		screenUrl( 'keystone-oidc-new', { client_id: created.client_id } )
	);
	const app = page.locator( '#keystone-oidc-app' );
	await app.getByRole( 'button', { name: 'Reset Secret' } ).click();

	const modal = page.getByRole( 'dialog', {
		name: 'Reset the client secret?',
	} );
	await expect( modal ).toBeVisible();
	await expect( modal ).toContainText( `“${ created.name }”` );
	await expectAccessible( page, [
		'#keystone-oidc-app',
		'.components-modal__frame',
	] );
	await screenshot( page, 'admin-reset-secret-confirm', { fullPage: false } );

	// Cancel changes nothing.
	await modal.getByRole( 'button', { name: 'Cancel' } ).click();
	await expect( modal ).toBeHidden();
	expect( await clientAuthenticates( created.client_id, oldSecret ) ).toBe(
		true
	);

	await app.getByRole( 'button', { name: 'Reset Secret' } ).click();
	await modal.getByRole( 'button', { name: 'Reset Secret' } ).click();
	await expect( modal ).toBeHidden();
	await expect(
		app.getByText(
			'A new client secret was created. The old secret no longer works.'
		)
	).toBeVisible();
	const newSecret = (
		await app
			.locator( '.keystone-oidc-copyable.is-secret code' )
			.textContent()
	)?.trim();
	expect( newSecret ).toMatch( /\S{16,}/ );
	expect( newSecret ).not.toBe( oldSecret );
	await app.getByRole( 'button', { name: 'Copy Client Secret' } ).click();
	expect( await clipboardText( page ) ).toBe( newSecret );
	await screenshot( page, 'admin-reset-secret-done' );

	expect( await clientAuthenticates( created.client_id, oldSecret ) ).toBe(
		false
	);
	expect( await clientAuthenticates( created.client_id, newSecret! ) ).toBe(
		true
	);

	await page.reload();
	await expect( page.getByLabel( 'Application Name' ) ).toHaveValue(
		created.name
	);
	await expect( page.locator( 'body' ) ).not.toContainText( newSecret! );
	await context.close();
} );

test( 'delete a client: the confirmation names it, and its tokens stop working', async ( {
	browser,
} ) => {
	const created = await createClient( {
		name: uniqueName( 'Doomed <b>bold</b>' ),
		redirect_uris: [ callbackUri( 'doomed' ) ],
		scopes: [ 'openid', 'profile', 'offline_access' ],
	} );
	const user = await createUser( 'subscriber' );
	const userContext = await signedInContext( browser, user );
	const { tokens } = await signIn( userContext, created, {
		scope: 'openid profile offline_access',
	} );
	await userContext.close();
	const before = await raw( 'userinfo', { bearer: tokens.access_token } );
	expect( before.status, before.text ).toBe( 200 );

	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	await page.goto(
		screenUrl( 'keystone-oidc-new', { client_id: created.client_id } )
	);
	const app = page.locator( '#keystone-oidc-app' );
	// Unsaved edits of a client being deleted are nothing to protect: no "leave page?" prompt.
	await page
		.getByLabel( 'Application Name' )
		.fill( `${ created.name } (edited)` );
	let prompted = false;
	page.on( 'dialog', async ( shown ) => {
		prompted = true;
		await shown.dismiss();
	} );
	await app.getByRole( 'button', { name: 'Delete Client' } ).click();
	const modal = page.getByRole( 'dialog', {
		name: `Delete “${ created.name }”?`,
	} );
	await expect( modal ).toBeVisible();
	// A name with markup is shown as text, never as HTML.
	await expect( modal.locator( 'b' ) ).toHaveCount( 0 );
	await expect( modal ).toContainText( 'This cannot be undone.' );
	await expectAccessible( page, [
		'#keystone-oidc-app',
		'.components-modal__frame',
	] );
	await screenshot( page, 'admin-delete-client-confirm', {
		fullPage: false,
	} );
	await modal.getByRole( 'button', { name: 'Delete Client' } ).click();

	await expect( page ).toHaveURL( /page=keystone-oidc/ );
	await expect(
		page
			.locator( '#keystone-oidc-app' )
			.getByText(
				`Client “${ created.name }” deleted, and all its tokens revoked.`
			)
	).toBeVisible();
	await expect(
		page.locator( '#keystone-oidc-app table' )
	).not.toContainText( created.client_id );
	// The notice is for this visit only: the address no longer carries it.
	expect( page.url() ).not.toContain( 'deleted_client' );
	expect( prompted ).toBe( false );

	const after = await raw( 'userinfo', { bearer: tokens.access_token } );
	expect( after.status, after.text ).toBe( 401 );
	const refreshed = await raw( 'token', {
		form: {
			grant_type: 'refresh_token',
			refresh_token: tokens.refresh_token!,
		},
		basic: { id: created.client_id, secret: created.client_secret! },
	} );
	expect( refreshed.json.error, refreshed.text ).toBe( 'invalid_client' );
	await context.close();
} );

test( 'opening a client that does not exist says so and leads back to the list', async ( {
	browser,
} ) => {
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	await page.goto(
		screenUrl( 'keystone-oidc-new', { client_id: 'no-such-client' } )
	);
	const app = page.locator( '#keystone-oidc-app' );
	await expect(
		app.getByText( 'This client no longer exists.', { exact: false } )
	).toBeVisible();
	await app.getByRole( 'link', { name: 'Back to Clients' } ).click();
	await expect( page ).toHaveURL( /page=keystone-oidc$/ );
	await context.close();
} );

test( 'with no clients yet, the list leads to Add Client', async ( {
	browser,
} ) => {
	// The suite's site always has clients from other tests; only the list answer is replaced
	// here, everything else (page, menu, links) is the real screen.
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	await page.route(
		/keystone-oidc(\/|%2F)v1(\/|%2F)clients(?!%2F|\/)/,
		( route ) =>
			route.request().method() === 'GET'
				? route.fulfill( { status: 200, json: [] } )
				: route.continue()
	);
	await page.goto( screenUrl( 'keystone-oidc' ) );
	const app = page.locator( '#keystone-oidc-app' );
	await expect(
		app.getByRole( 'heading', { name: 'No clients yet' } )
	).toBeVisible();
	await expect( app.locator( 'table' ) ).toHaveCount( 0 );
	await expectAccessible( page );
	await screenshot( page, 'admin-clients-empty' );
	await app.getByRole( 'link', { name: 'Add your first client' } ).click();
	await expect(
		page.getByRole( 'heading', { level: 1, name: 'Add Client' } )
	).toBeVisible();
	await context.close();
} );
