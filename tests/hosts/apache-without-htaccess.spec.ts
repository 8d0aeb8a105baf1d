/**
 * Apache without WordPress's .htaccess (AllowOverride None, no rewrite rules): Apache answers the
 * endpoints' URLs with its own 404 before WordPress runs, so nothing in PHP can answer them. The
 * admin is told so, precisely and with the fix, on every wp-admin screen; relying parties get a
 * plain 404, never a page that looks like success.
 */
import { realpathSync } from 'node:fs';
import { siteUrl } from '../e2e/support/env';
import { restSession } from '../e2e/support/wp';
import { createProfileUser } from '../e2e/protocol/support/fixtures';
import { endpoint } from '../e2e/protocol/support/provider';
import { adminScreen, expect, test, useHost } from './support/subset';

test.describe( 'Apache 2.4 + mod_php without .htaccess', () => {
	const state = useHost( 'noht', {
		args: [ '--host', 'apache-modphp', '--no-htaccess' ],
	} );

	test( 'relying parties get Apache’s 404 at the discovery URL', async () => {
		state();
		const response = await fetch( endpoint( 'discovery' ), {
			redirect: 'manual',
		} );
		expect( response.status ).toBe( 404 );
		expect( response.headers.get( 'content-type' ) ).not.toMatch( /json/ );
	} );

	test( 'wp-admin names the URL that failed, the .htaccess file and the rules to put in it', async () => {
		const { site } = state();
		const html = await adminScreen( '' );
		const notice =
			/<div class="notice notice-error keystone-oidc-endpoint-notice">([\s\S]*?)<\/div>/.exec(
				html
			);
		expect( notice, 'the endpoint notice is shown' ).not.toBeNull();
		const text = ( notice as RegExpExecArray )[ 1 ] as string;
		expect( text ).toContain( `<code>${ endpoint( 'discovery' ) }</code>` );
		expect( text ).toContain( 'HTTP 404' );
		// Where the site really is (bin/host-site.sh may keep it outside the clone).
		expect( text ).toContain(
			`<code>${ realpathSync( site.dir ) }/wordpress/.htaccess</code>`
		);
		expect( text ).toContain(
			'RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]'
		);
		expect( text ).toContain( 'RewriteRule . /index.php [L]' );
		expect( text ).toContain( 'options-permalink.php' );
	} );

	test( 'the notice is for administrators only', async () => {
		state();
		// The probe's failure is cached by now; a subscriber's wp-admin still shows nothing of it.
		const subscriber = await createProfileUser();
		const session = await restSession(
			subscriber.username,
			subscriber.password
		);
		const response = await session.request.get(
			`${ siteUrl() }/wp-admin/profile.php`,
			{ maxRedirects: 0 }
		);
		expect( response.status() ).toBe( 200 );
		expect( await response.text() ).not.toContain(
			'keystone-oidc-endpoint-notice'
		);
		await session.dispose();
	} );
} );
