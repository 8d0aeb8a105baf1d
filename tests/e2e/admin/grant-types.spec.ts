/**
 * Grant types on the client screen: the admin registers a backend service that acts for itself
 * (client credentials, no redirect URI), sees client credentials refused for a public client, and
 * finds a client's grants checked when editing it.
 */
import { test, expect } from '../support/test';
import { raw } from '../protocol/support/http';
import { createClient } from '../protocol/support/provider';
import {
	expectAccessible,
	screenUrl,
	signedInBrowser,
	uniqueName,
	watchConsole,
} from './support';

const CODE = 'Authorization code (people sign in)';
const CLIENT_CREDENTIALS =
	'Client credentials (the application acts for itself)';
const DEVICE = 'Device code (TVs, CLIs: people sign in on another device)';

test( 'register a service that uses client credentials, without a redirect URI', async ( {
	browser,
} ) => {
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	const app = page.locator( '#keystone-oidc-app' );
	const consoleErrors = watchConsole( page );
	await page.goto( screenUrl( 'keystone-oidc-new' ) );
	await expect(
		page.getByRole( 'heading', { level: 1, name: 'Add Client' } )
	).toBeVisible();

	const code = page.getByRole( 'checkbox', { name: CODE } );
	const clientCredentials = page.getByRole( 'checkbox', {
		name: CLIENT_CREDENTIALS,
	} );
	const device = page.getByRole( 'checkbox', { name: DEVICE } );
	const redirectUris = page.getByLabel( 'Redirect URIs', { exact: true } );

	// The default: people sign in, so redirect URIs are required.
	await expect( code ).toBeChecked();
	await expect( clientCredentials ).not.toBeChecked();
	await expect( device ).not.toBeChecked();
	await expect( redirectUris ).toHaveAttribute( 'required', '' );

	await page.getByLabel( 'Application Name' ).fill( uniqueName( 'Nightly' ) );
	await clientCredentials.check();
	await code.uncheck();
	await expect( redirectUris ).not.toHaveAttribute( 'required', '' );
	await expectAccessible( page );

	// Nothing checked: the form says so and sends nothing.
	await clientCredentials.uncheck();
	await expect(
		app.getByText(
			'Check at least one way for the application to get tokens.'
		)
	).toBeVisible();
	await page.getByRole( 'button', { name: 'Create Client' } ).click();
	await expect( app.getByText( 'Client created.' ) ).toHaveCount( 0 );

	await clientCredentials.check();
	await expect(
		app.getByText(
			'Check at least one way for the application to get tokens.'
		)
	).toHaveCount( 0 );
	await page.getByRole( 'button', { name: 'Create Client' } ).click();
	await expect( app.getByText( 'Client created.' ) ).toBeVisible();

	const clientId = (
		await page
			.locator( '.keystone-oidc-copyable', { hasText: 'Client ID' } )
			.locator( 'code' )
			.textContent()
	)?.trim() as string;
	const secret = (
		await page
			.locator( '.keystone-oidc-copyable.is-secret code' )
			.textContent()
	)?.trim() as string;

	// The service gets a token for itself with what the screen showed.
	const token = await raw( 'token', {
		form: { grant_type: 'client_credentials' },
		basic: { id: clientId, secret },
	} );
	expect( token.status, token.text ).toBe( 200 );
	expect( token.json ).not.toHaveProperty( 'id_token' );

	// Editing it shows the grant it was registered with.
	await page.goto(
		screenUrl( 'keystone-oidc-new', { client_id: clientId } )
	);
	await expect(
		page.getByRole( 'checkbox', { name: CLIENT_CREDENTIALS } )
	).toBeChecked();
	await expect(
		page.getByRole( 'checkbox', { name: CODE } )
	).not.toBeChecked();
	expect( consoleErrors ).toEqual( [] );
	await context.close();
} );

test( 'client credentials is not offered to a public client', async ( {
	browser,
} ) => {
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	await page.goto( screenUrl( 'keystone-oidc-new' ) );
	const clientCredentials = page.getByRole( 'checkbox', {
		name: CLIENT_CREDENTIALS,
	} );
	await clientCredentials.check();
	await page.getByRole( 'radio', { name: /^Public/ } ).check();
	await expect( clientCredentials ).toBeDisabled();
	await expect( clientCredentials ).not.toBeChecked();
	await expect(
		page.getByText(
			'Only for confidential clients: a public client has no secret to prove who it is.'
		)
	).toBeVisible();
	await context.close();
} );

test( 'an existing client shows its grants, and the device code grant is saved', async ( {
	browser,
} ) => {
	const existing = await createClient( {
		name: uniqueName( 'Both grants' ),
		grant_types: [ 'authorization_code', 'client_credentials' ],
	} );
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	await page.goto(
		screenUrl( 'keystone-oidc-new', { client_id: existing.client_id } )
	);
	await expect( page.getByRole( 'checkbox', { name: CODE } ) ).toBeChecked();
	await expect(
		page.getByRole( 'checkbox', { name: CLIENT_CREDENTIALS } )
	).toBeChecked();
	await page.getByRole( 'checkbox', { name: DEVICE } ).check();
	await page.getByRole( 'button', { name: 'Save Changes' } ).click();
	await expect(
		page.locator( '#keystone-oidc-app' ).getByText( 'Client updated.' )
	).toBeVisible();
	await page.reload();
	await expect(
		page.getByRole( 'checkbox', { name: DEVICE } )
	).toBeChecked();
	await context.close();
} );
