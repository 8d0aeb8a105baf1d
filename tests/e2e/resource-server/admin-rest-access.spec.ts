/**
 * The client edit screen sets the REST API ceiling (`rest_access`); the REST scopes are chosen
 * there, not among the allowed scopes.
 */
import { test, expect } from '../support/test';
import { adminSession, createClient } from '../protocol/support/provider';
import {
	expectAccessible,
	screenUrl,
	signedInBrowser,
	uniqueName,
	watchConsole,
} from '../admin/support';

test( 'an administrator sets a client’s REST API access on its edit screen', async ( {
	browser,
} ) => {
	const created = await createClient( { name: uniqueName( 'REST access' ) } );
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	const consoleErrors = watchConsole( page );
	await page.goto(
		screenUrl( 'keystone-oidc-new', { client_id: created.client_id } )
	);
	const app = page.locator( '#keystone-oidc-app' );
	const none = page.getByRole( 'radio', { name: /^None/ } );
	await expect( none ).toBeChecked();
	await expect(
		page.getByRole( 'checkbox', { name: /^wordpress:/ } )
	).toHaveCount( 0 );
	const read = page.getByRole( 'radio', {
		name: /^Read \(wordpress:read\)/,
	} );
	await read.check();
	await expectAccessible( page );
	await app.getByRole( 'button', { name: 'Save Changes' } ).click();
	await expect( app.getByText( 'Client updated.' ) ).toBeVisible();

	const session = await adminSession();
	const stored = ( await (
		await session.get(
			`keystone-oidc/v1/clients/${ encodeURIComponent(
				created.client_id
			) }`
		)
	).json() ) as { rest_access: string; scopes: string[] };
	expect( stored.rest_access ).toBe( 'read' );
	expect( stored.scopes ).not.toContain( 'wordpress:read' );

	await page.reload();
	await expect( read ).toBeChecked();
	await page
		.getByRole( 'radio', { name: /^Read and write \(wordpress:write\)/ } )
		.check();
	await app.getByRole( 'button', { name: 'Save Changes' } ).click();
	await expect( app.getByText( 'Client updated.' ) ).toBeVisible();
	const updated = ( await (
		await session.get(
			`keystone-oidc/v1/clients/${ encodeURIComponent(
				created.client_id
			) }`
		)
	).json() ) as { rest_access: string };
	expect( updated.rest_access ).toBe( 'write' );
	expect( consoleErrors ).toEqual( [] );
	await context.close();
} );
