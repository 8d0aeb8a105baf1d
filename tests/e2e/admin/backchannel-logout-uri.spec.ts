/**
 * Edit Client's Back-Channel Logout URI: checked as the admin types, saved with the client, and
 * kept when other fields are saved.
 */
import { test, expect } from '../support/test';
import { adminSession, createClient } from '../protocol/support/provider';
import {
	expectAccessible,
	screenUrl,
	signedInBrowser,
	uniqueName,
	watchConsole,
} from './support';

async function storedUri( clientId: string ): Promise< unknown > {
	const session = await adminSession();
	const response = await session.get(
		`keystone-oidc/v1/clients/${ encodeURIComponent( clientId ) }`
	);
	expect( response.status() ).toBe( 200 );
	return ( ( await response.json() ) as Record< string, unknown > )
		.backchannel_logout_uri;
}

test( 'the back-channel logout URI is checked, saved, and survives saving other fields', async ( {
	browser,
} ) => {
	const created = await createClient( {
		name: uniqueName( 'Back channel' ),
		backchannel_logout_uri: 'https://rp.example.test/logout',
	} );
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	const consoleErrors = watchConsole( page );
	await page.goto(
		screenUrl( 'keystone-oidc-new', { client_id: created.client_id } )
	);
	const app = page.locator( '#keystone-oidc-app' );
	const field = app.getByLabel( 'Back-Channel Logout URI' );
	await expect( field ).toHaveValue( 'https://rp.example.test/logout' );

	// Another field saved: the URI set over REST stays.
	await app.getByLabel( 'Application Name' ).fill( `${ created.name } 2` );
	const save = app.getByRole( 'button', { name: 'Save Changes' } );
	// The notice of an earlier save is still on screen and the button is disabled while saving, so
	// only the answer itself says this save is stored.
	const saveAndWait = async (): Promise< void > => {
		const answered = page.waitForResponse(
			( response ) =>
				decodeURIComponent( response.url() ).includes(
					`keystone-oidc/v1/clients/${ created.client_id }`
				) && response.request().method() !== 'GET'
		);
		await save.click();
		expect( ( await answered ).status() ).toBe( 200 );
	};
	await saveAndWait();
	await expect( app.getByText( 'Client updated.' ) ).toBeVisible();
	await expect( save ).toBeDisabled();
	expect( await storedUri( created.client_id ) ).toBe(
		'https://rp.example.test/logout'
	);

	await field.fill( 'ftp://rp.example.test/logout' );
	await expect( field ).toHaveAttribute( 'aria-invalid', 'true' );
	await expect( app ).toContainText( 'This URI must be an https URI.' );
	await field.fill( 'http://rp.example.test/logout' );
	await expect( app ).toContainText( 'http is only allowed for localhost' );
	await expectAccessible( page );

	await field.fill( 'https://rp.example.test/backchannel' );
	await expect( field ).toHaveAttribute( 'aria-invalid', 'false' );
	await saveAndWait();
	await expect( app.getByText( 'Client updated.' ) ).toBeVisible();
	await expect( save ).toBeDisabled();
	expect( await storedUri( created.client_id ) ).toBe(
		'https://rp.example.test/backchannel'
	);

	await field.fill( '' );
	await saveAndWait();
	await expect( app.getByText( 'Client updated.' ) ).toBeVisible();
	await expect( save ).toBeDisabled();
	expect( await storedUri( created.client_id ) ).toBe( '' );
	expect( consoleErrors ).toEqual( [] );
	await context.close();
} );
