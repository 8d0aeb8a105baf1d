/**
 * The admin shell: the OIDC Provider menu opens a React app, with no console errors.
 */
import { test, expect } from '../support/test';
import { loginPage } from '../support/wp';
import { baseUrl } from '../support/env';

test( 'the OIDC Provider menu opens each screen as a React app', async ( {
	page,
} ) => {
	const consoleErrors: string[] = [];
	page.on( 'console', ( message ) => {
		if ( message.type() === 'error' ) {
			consoleErrors.push( message.text() );
		}
	} );
	page.on( 'pageerror', ( error ) => consoleErrors.push( error.message ) );

	await loginPage( page );
	await page.goto( `${ baseUrl() }/wp-admin/` );
	const menu = page.locator( '#adminmenu a.menu-top', {
		hasText: 'OIDC Provider',
	} );
	await expect( menu ).toBeVisible();
	await menu.click();
	await expect( page ).toHaveURL( /page=keystone-oidc$/ );

	const submenu = page.locator( '#adminmenu .wp-submenu a' );
	for ( const label of [
		'Clients',
		'Add Client',
		'Claims',
		'Settings',
		'Activity',
	] ) {
		await submenu.getByText( label, { exact: true } ).click();
		const app = page.locator( '#keystone-oidc-app' );
		await expect( app ).toBeVisible();
		await expect( app.locator( '> *' ).first() ).toBeVisible();
	}
	expect( consoleErrors ).toEqual( [] );
} );

test( 'a subscriber does not get the OIDC Provider menu', async ( {
	page,
} ) => {
	const { createUser } = await import( '../support/wp' );
	const subscriber = await createUser( 'subscriber' );
	await loginPage( page, subscriber.username, subscriber.password );
	await page.goto( `${ baseUrl() }/wp-admin/` );
	await expect( page.locator( '#adminmenu' ) ).not.toContainText(
		'OIDC Provider'
	);
	const response = await page.goto(
		`${ baseUrl() }/wp-admin/admin.php?page=keystone-oidc`
	);
	expect( response?.status() ).toBe( 403 );
} );
