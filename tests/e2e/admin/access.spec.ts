/**
 * The screens are for administrators: anyone else gets neither the menu nor the pages, and the
 * REST API they call refuses them too.
 */
import { test, expect } from '../support/test';
import { createUser, loginPage, restSession } from '../support/wp';
import { baseUrl } from '../support/env';
import { screenshot, screenUrl } from './support';

for ( const role of [ 'subscriber', 'editor' ] ) {
	test( `${ role }: no OIDC Provider screen and no REST access`, async ( {
		page,
	} ) => {
		const user = await createUser( role );
		await loginPage( page, user.username, user.password );
		await page.goto( `${ baseUrl() }/wp-admin/` );
		await expect( page.locator( '#adminmenu' ) ).not.toContainText(
			'OIDC Provider'
		);
		for ( const [ slug, params ] of [
			[ 'keystone-oidc', {} ],
			[ 'keystone-oidc-new', {} ],
			[ 'keystone-oidc-new', { client_id: 'anything' } ],
			[ 'keystone-oidc-settings', {} ],
			[ 'keystone-oidc-claims', {} ],
			[ 'keystone-oidc-activity', {} ],
		] as const ) {
			const response = await page.goto( screenUrl( slug, params ) );
			expect( response?.status(), slug ).toBe( 403 );
			await expect( page.locator( '#keystone-oidc-app' ) ).toHaveCount(
				0
			);
		}
		await screenshot( page, `admin-denied-${ role }` );

		const session = await restSession( user.username, user.password );
		for ( const route of [ 'clients', 'settings', 'claims', 'activity' ] ) {
			const answer = await session.get( `keystone-oidc/v1/${ route }` );
			expect( answer.status() ).toBe( 403 );
			expect( ( await answer.json() ).code ).toBe(
				'keystone_oidc_forbidden'
			);
		}
		await session.dispose();
	} );
}
