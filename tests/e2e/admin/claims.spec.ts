/**
 * The Claims screen: an administrator maps a user meta key to a claim and the next sign-in carries
 * it; wrong rows are marked before anything is sent, the server's problems land on the field they
 * name, saving shows a spinner with the button disabled, and unsaved rows are protected.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../support/test';
import { signIn, signedInContext } from '../protocol/support/flow';
import { createProfileUser } from '../protocol/support/fixtures';
import { raw } from '../protocol/support/http';
import {
	callbackUri,
	createClient,
	deleteClient,
} from '../protocol/support/provider';
import {
	readClaimMap,
	removeMappings,
	setUserMeta,
	uniqueClaimName,
} from '../protocol/support/claims';
import {
	expectAccessible,
	screenshot,
	screenUrl,
	signedInBrowser,
	watchConsole,
} from './support';

// Every test here saves the site-wide list: one at a time within this file. The screen saves with
// PUT, which api-fetch sends as POST with X-HTTP-Method-Override: a save is any request but GET.
test.describe.configure( { mode: 'serial' } );

async function openScreen( page: Page ): Promise< Locator > {
	await page.goto( screenUrl( 'keystone-oidc-claims' ) );
	const app = page.locator( '#keystone-oidc-app' );
	await expect(
		app.getByRole( 'heading', { name: 'Claim Mappings' } )
	).toBeVisible();
	return app;
}

/** Adds a row and returns it: the last "Mapping N" group. */
async function addRow( app: Locator ): Promise< Locator > {
	const before = await app
		.locator( 'fieldset.keystone-oidc-mapping' )
		.count();
	await app.getByRole( 'button', { name: 'Add Mapping' } ).click();
	const row = app.getByRole( 'group', { name: `Mapping ${ before + 1 }` } );
	await expect( row ).toBeVisible();
	return row;
}

test( 'an administrator maps a user meta key to a claim; the next sign-in carries it', async ( {
	browser,
} ) => {
	const claim = uniqueClaimName( 'department' );
	const metaKey = uniqueClaimName( 'acme_department' );
	const user = await createProfileUser();
	await setUserMeta( user.id, metaKey, [ 'Analytical Engines' ] );

	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	const consoleErrors = watchConsole( page );
	const app = await openScreen( page );
	await expect( app ).toContainText( 'Roles and Groups' );
	const save = app.getByRole( 'button', { name: 'Save Changes' } );
	await expect( save ).toBeDisabled();

	const row = await addRow( app );
	await row.getByLabel( 'Claim Name' ).fill( claim );
	await expect( row.getByLabel( 'Source' ) ).toHaveValue( 'meta' );
	await row.getByLabel( 'Meta Key' ).fill( metaKey );
	await row.getByLabel( 'Released With Scope' ).selectOption( 'email' );
	await expect( app ).toContainText( 'You have unsaved changes.' );
	await expect( save ).toBeEnabled();

	await expectAccessible( page );
	await screenshot( page, 'admin-claims' );
	await save.click();
	await expect( app.getByText( 'Claim mappings saved.' ) ).toBeVisible();
	await expect( save ).toBeDisabled();
	await expect( app ).not.toContainText( 'You have unsaved changes.' );

	try {
		expect( ( await readClaimMap() ).mappings ).toContainEqual( {
			claim,
			source: 'meta',
			meta_key: metaKey,
			scope: 'email',
		} );
		const discovery = await raw( 'discovery' );
		expect( discovery.json.claims_supported ).toContain( claim );

		const testClient = await createClient( {
			redirect_uris: [ callbackUri( 'claims-screen' ) ],
			scopes: [ 'openid', 'email' ],
		} );
		const userContext = await signedInContext( browser, user );
		const { tokens } = await signIn( userContext, testClient, {
			scope: 'openid email',
		} );
		await userContext.close();
		expect( tokens.claims()?.[ claim ] ).toBe( 'Analytical Engines' );
		const userinfo = await raw( 'userinfo', {
			bearer: tokens.access_token,
		} );
		expect( userinfo.json[ claim ] ).toBe( 'Analytical Engines' );
		await deleteClient( testClient.client_id );

		// The saved row is there after a reload; removing it and saving takes it away.
		await page.reload();
		const saved = app.locator( 'fieldset.keystone-oidc-mapping', {
			has: page.locator( `input[value="${ claim }"]` ),
		} );
		await expect( saved ).toHaveCount( 1 );
		await saved
			.getByRole( 'button', { name: `Remove ${ claim }` } )
			.click();
		await save.click();
		await expect( app.getByText( 'Claim mappings saved.' ) ).toBeVisible();
		expect(
			( await readClaimMap() ).mappings.map( ( entry ) => entry.claim )
		).not.toContain( claim );
	} finally {
		await removeMappings( [ claim ] );
	}
	expect( consoleErrors ).toEqual( [] );
	await context.close();
} );

test( 'rows that break a rule are marked and nothing is sent', async ( {
	browser,
} ) => {
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	const app = await openScreen( page );
	let sent = false;
	await page.route( '**/keystone-oidc/v1/claims**', async ( route ) => {
		if ( route.request().method() !== 'GET' ) {
			sent = true;
		}
		await route.fallback();
	} );

	const protocol = await addRow( app );
	await protocol.getByLabel( 'Claim Name' ).fill( 'sub' );
	await protocol.getByLabel( 'Meta Key' ).fill( 'user_pass' );
	const roles = await addRow( app );
	await roles.getByLabel( 'Claim Name' ).fill( '1st group' );
	await roles.getByLabel( 'Source' ).selectOption( 'roles' );
	await expect( roles.getByLabel( 'Meta Key' ) ).toHaveCount( 0 );
	await expect( roles ).toContainText( 'The user’s role slugs, as a list.' );

	await app.getByRole( 'button', { name: 'Save Changes' } ).click();
	await expect( app.locator( '.components-notice.is-error' ) ).toContainText(
		'Some mappings need attention. Fix them and try again.'
	);
	await expect( protocol ).toContainText(
		'This claim is set by the provider itself and cannot be mapped.'
	);
	await expect( protocol ).toContainText(
		'This key looks like it holds a password, token, secret or key, which must never leave the site in a token.'
	);
	await expect( roles ).toContainText(
		'Start with a letter or an underscore'
	);
	await expect( protocol.getByLabel( 'Claim Name' ) ).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expect( protocol.getByLabel( 'Claim Name' ) ).toBeFocused();
	expect( sent ).toBe( false );

	await expectAccessible( page );
	await screenshot( page, 'admin-claims-invalid' );

	// Leaving with unsaved rows asks first; staying keeps them.
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
	await expect( protocol.getByLabel( 'Claim Name' ) ).toHaveValue( 'sub' );

	// Removing the bad rows leaves nothing to save, and nothing to protect.
	await protocol.getByRole( 'button', { name: 'Remove sub' } ).click();
	await app.getByRole( 'button', { name: 'Remove 1st group' } ).click();
	await expect(
		app.getByRole( 'button', { name: 'Save Changes' } )
	).toBeDisabled();
	let asked = false;
	page.once( 'dialog', async ( shown ) => {
		asked = true;
		await shown.dismiss();
	} );
	await page.reload();
	await expect(
		app.getByRole( 'heading', { name: 'Claim Mappings' } )
	).toBeVisible();
	expect( asked ).toBe( false );
	await context.close();
} );

test( 'while saving: spinner and disabled button; the server’s problems land on the field they name', async ( {
	browser,
} ) => {
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	const app = await openScreen( page );
	const existing = await app
		.locator( 'fieldset.keystone-oidc-mapping' )
		.count();
	let release: () => void = () => undefined;
	const held = new Promise< void >( ( resolve ) => {
		release = resolve;
	} );
	await page.route( '**/keystone-oidc/v1/claims**', async ( route ) => {
		if ( route.request().method() === 'GET' ) {
			await route.fallback();
			return;
		}
		await held;
		await route.fulfill( {
			status: 400,
			contentType: 'application/json',
			body: JSON.stringify( {
				code: 'keystone_oidc_invalid_claim_map',
				message: 'Mapping 1: …',
				data: {
					status: 400,
					errors: [
						{
							index: existing,
							field: 'meta_key',
							message: 'The server says this key is off limits.',
						},
					],
				},
			} ),
		} );
	} );

	const row = await addRow( app );
	await row.getByLabel( 'Claim Name' ).fill( 'office' );
	await row.getByLabel( 'Meta Key' ).fill( 'office' );
	const save = app.getByRole( 'button', { name: 'Save Changes' } );
	await save.click();
	await expect( save ).toBeDisabled();
	await expect( app.locator( '.components-spinner' ) ).toBeVisible();
	await expect( row.getByLabel( 'Claim Name' ) ).toBeDisabled();
	release();

	await expect( app.locator( '.components-notice.is-error' ) ).toContainText(
		'Some claim mappings are not valid. Fix the marked fields and save again.'
	);
	await expect( row ).toContainText(
		'The server says this key is off limits.'
	);
	await expect( row.getByLabel( 'Meta Key' ) ).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expect( save ).toBeEnabled();

	// Editing the field clears the server's verdict about it.
	await row.getByLabel( 'Meta Key' ).fill( 'office_number' );
	await expect( row ).not.toContainText(
		'The server says this key is off limits.'
	);
	await context.close();
} );

test( 'a refused save shows the message for its code', async ( {
	browser,
} ) => {
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	const app = await openScreen( page );
	await page.route( '**/keystone-oidc/v1/claims**', async ( route ) => {
		if ( route.request().method() === 'GET' ) {
			await route.fallback();
			return;
		}
		await route.fulfill( {
			status: 403,
			contentType: 'application/json',
			body: JSON.stringify( {
				code: 'keystone_oidc_forbidden',
				message: 'raw server text',
				data: { status: 403 },
			} ),
		} );
	} );
	const row = await addRow( app );
	await row.getByLabel( 'Claim Name' ).fill( 'office' );
	await row.getByLabel( 'Meta Key' ).fill( 'office' );
	await app.getByRole( 'button', { name: 'Save Changes' } ).click();
	await expect( app.locator( '.components-notice.is-error' ) ).toContainText(
		'You are not allowed to manage the OIDC provider. Ask an administrator.'
	);
	await expect( app ).not.toContainText( 'raw server text' );
	await context.close();
} );
