/**
 * A host where OpenSSL cannot make a key (no usable configuration, as in PHP.wasm or with an
 * OPENSSL_CONF naming a missing file): activation still succeeds, the admin is told why, signing
 * endpoints answer 503 `temporarily_unavailable`, and the keys are made once OpenSSL can. On a site
 * of its own, since it takes the keys away. The failure is real: a must-use test plugin hands key
 * generation a configuration file that does not exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startSite, type RunningSite } from '../support/site';
import { createClient } from '../protocol/support/provider';
import { authorizeCode, signedInContext } from '../protocol/support/flow';
import { credentials, expectOAuthError, raw } from '../protocol/support/http';
import { admin } from '../support/env';

let site: RunningSite;
let suiteSite: string | undefined;

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	test.setTimeout( 180_000 );
	site = await startSite( `key-failure-${ process.pid }`, [
		'--test-plugins',
	] );
	// The protocol helpers talk to WP_BASE_URL: point them at this site while the file runs.
	suiteSite = process.env.WP_BASE_URL;
	process.env.WP_BASE_URL = site.url;
} );

test.afterAll( async () => {
	process.env.WP_BASE_URL = suiteSite;
	await site?.stop();
} );

async function breakKeyGeneration(
	page: Page,
	broken: boolean
): Promise< void > {
	const nonce = (
		await (
			await page.request.get(
				`${ site.url }/wp-admin/admin-ajax.php?action=rest-nonce`
			)
		).text()
	).trim();
	const response = await page.request.post(
		`${ site.url }/wp-json/keystone-test/v1/key-generation`,
		{ headers: { 'X-WP-Nonce': nonce }, data: { broken } }
	);
	expect( response.status(), await response.text() ).toBe( 200 );
	expect( await response.json() ).toEqual( { broken } );
}

function pluginRow( page: Page ) {
	return page.locator( 'tr[data-slug="keystone-oidc"]' ).first();
}

function phpErrors(): string[] {
	const log = path.join( site.dir, 'php-error.log' );
	const text = existsSync( log ) ? readFileSync( log, 'utf8' ) : '';
	return text
		.split( '\n' )
		.filter( ( line ) =>
			/PHP (Fatal|Parse|Warning|Notice|Deprecated)/.test( line )
		);
}

test( 'without OpenSSL keys, activation succeeds with a notice, signing answers 503, and keys follow once OpenSSL can', async ( {
	browser,
} ) => {
	test.setTimeout( 180_000 );
	const context = await signedInContext( browser, {
		id: 1,
		username: admin.username,
		password: admin.password,
		email: '',
	} );
	const page = await context.newPage();
	const testClient = await createClient();
	await breakKeyGeneration( page, true );

	await page.goto( `${ site.url }/wp-admin/plugins.php` );
	await pluginRow( page )
		.getByRole( 'link', { name: /Deactivate/ } )
		.click();
	await pluginRow( page )
		.getByRole( 'link', { name: /^Activate/ } )
		.click();
	await expect( page.locator( '#message' ) ).toContainText(
		'Plugin activated.'
	);
	await expect(
		pluginRow( page ).getByRole( 'link', { name: /Deactivate/ } )
	).toBeVisible();
	const notice = page.locator( '#keystone-oidc-key-notice' );
	await expect( notice ).toContainText(
		'Keystone OIDC could not create its signing keys.'
	);
	await expect( notice ).toContainText( 'No such file or directory' );

	// A code is still issued (the authorization endpoint signs nothing); redeeming it needs a key.
	const flow = await authorizeCode( context, testClient );
	const tokenRequest = {
		basic: credentials( testClient ),
		form: {
			grant_type: 'authorization_code',
			code: flow.code,
			redirect_uri: flow.redirectUri,
			code_verifier: flow.codeVerifier as string,
		},
	};
	const refused = await raw( 'token', tokenRequest );
	expectOAuthError( refused, 503, 'temporarily_unavailable' );
	expect( refused.headers.get( 'retry-after' ) ).toBe( '30' );
	expectOAuthError( await raw( 'jwks' ), 503, 'temporarily_unavailable' );

	const discovery = await raw( 'discovery' );
	expect( discovery.status, 'discovery needs no key' ).toBe( 200 );

	const settings = await page.request.get(
		`${ site.url }/wp-json/keystone-oidc/v1/settings`,
		{
			headers: {
				'X-WP-Nonce': (
					await (
						await page.request.get(
							`${ site.url }/wp-admin/admin-ajax.php?action=rest-nonce`
						)
					).text()
				).trim(),
			},
		}
	);
	expect( settings.status() ).toBe( 503 );
	expect( ( await settings.json() ).code ).toBe(
		'keystone_oidc_keys_unavailable'
	);

	// OpenSSL works again: the next admin page makes the keys and the notice goes.
	await breakKeyGeneration( page, false );
	await page.goto( `${ site.url }/wp-admin/` );
	await expect( page.locator( '#wpbody-content' ) ).toBeVisible();
	await expect( notice ).toHaveCount( 0 );
	const jwks = await raw( 'jwks' );
	expect( jwks.status ).toBe( 200 );
	expect(
		( jwks.json.keys as { alg: string }[] ).map( ( key ) => key.alg ).sort()
	).toEqual( [ 'ES256', 'RS256' ] );

	// The refused redemption used nothing up: the same code now buys its tokens.
	const redeemed = await raw( 'token', tokenRequest );
	expect( redeemed.status, redeemed.text ).toBe( 200 );
	expect( typeof redeemed.json.id_token ).toBe( 'string' );

	expect( phpErrors() ).toEqual( [] );
	await context.close();
} );
