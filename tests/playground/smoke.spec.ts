/**
 * The plugin on WordPress Playground (PHP.wasm, SQLite through the `sqlite-database-integration`
 * plugin Playground bundles), installed from the release zip and activated by a blueprint:
 * activation, discovery, the JWKS, one authorization-code flow with PKCE verified by
 * `openid-client` and `jose`, the storage's one-time rules and cleanup on SQLite, and the Clients
 * screen. Kept to what proves the runtime works, since every request costs PHP.wasm seconds; the
 * protocol rules themselves are the e2e suite's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { pluginErrors, repoRoot } from './playground';
import {
	createClient,
	endpoint,
	issuer,
	paths,
} from '../e2e/protocol/support/provider';
import { client, redeem, signIn } from '../e2e/protocol/support/flow';
import { verifyAccessToken, verifyIdToken } from '../e2e/protocol/support/jwt';
import { restSession } from '../e2e/support/wp';

test.describe.configure( { mode: 'serial' } );

/**
 * Asserts that the provider refused a grant with 400 `invalid_grant`, as `openid-client` reports it.
 */
async function expectInvalidGrant(
	grant: Promise< unknown >
): Promise< void > {
	const failure = await grant.then(
		() => null,
		( error: unknown ) => error
	);
	expect( failure ).toBeInstanceOf( client.ResponseBodyError );
	expect( ( failure as client.ResponseBodyError ).status ).toBe( 400 );
	expect( ( failure as client.ResponseBodyError ).error ).toBe(
		'invalid_grant'
	);
}

test( 'the blueprint activated the plugin without an error; discovery and the JWKS answer', async ( {
	playground,
	adminContext,
} ) => {
	const page = await adminContext.newPage();
	await page.goto( `${ playground.url }/wp-admin/plugins.php` );
	const row = page.locator( 'tr[data-slug="keystone-oidc"]' ).first();
	await expect( row ).toHaveClass( /\bactive\b/ );
	await expect( page.locator( '#keystone-oidc-key-notice' ) ).toHaveCount(
		0
	);

	const discovery = await fetch( `${ issuer() }${ paths.discovery }` );
	expect( discovery.status ).toBe( 200 );
	const metadata = ( await discovery.json() ) as Record< string, unknown >;
	expect( metadata.issuer ).toBe( playground.url );
	expect( metadata.jwks_uri ).toBe( endpoint( 'jwks' ) );
	expect( metadata.token_endpoint ).toBe( endpoint( 'token' ) );

	const jwks = await fetch( endpoint( 'jwks' ) );
	expect( jwks.status ).toBe( 200 );
	const keys = ( ( await jwks.json() ) as { keys: { alg: string }[] } ).keys;
	expect( keys.map( ( key ) => key.alg ).sort() ).toEqual( [
		'ES256',
		'RS256',
	] );
	expect( pluginErrors( playground ) ).toEqual( [] );
} );

test( 'every class of the plugin compiles and loads on this PHP version', async ( {
	playground,
	php,
} ) => {
	const found = JSON.parse( readFileSync( playground.classes, 'utf8' ) ) as {
		php: string;
		loaded: string[];
		failed: Record< string, string >;
	};
	expect( found.php.startsWith( `${ php }.` ), found.php ).toBe( true );
	expect( found.failed ).toEqual( {} );
	const shipped = readdirSync( path.join( repoRoot, 'includes' ), {
		recursive: true,
	} )
		.map( String )
		.filter( ( file ) => file.endsWith( '.php' ) )
		.map( ( file ) => file.slice( 0, -4 ) )
		.sort();
	expect( found.loaded ).toEqual( shipped );
} );

test( 'a relying party signs a user in with the code flow and PKCE; the Clients screen lists it', async ( {
	playground,
	adminContext,
} ) => {
	const testClient = await createClient( { name: 'Playground RP' } );
	const { flow, tokens } = await signIn( adminContext, testClient );
	expect( flow.codeVerifier, 'PKCE was used' ).toBeDefined();
	// The administrator, user 1, signs in.
	await verifyIdToken( tokens.id_token as string, {
		clientId: testClient.client_id,
		userId: 1,
		accessToken: tokens.access_token,
		nonce: flow.nonce,
	} );
	await verifyAccessToken( tokens.access_token, {
		clientId: testClient.client_id,
		userId: 1,
		scope: 'openid profile email',
	} );

	const userinfo = await client.fetchUserInfo(
		flow.config,
		tokens.access_token,
		'1'
	);
	expect( userinfo.sub ).toBe( '1' );

	// The storage's one-time rules on SQLite: the refresh token rotates, and the code presented
	// again is refused and ends its whole family, the rotated refresh token included.
	const refreshed = await client.refreshTokenGrant(
		flow.config,
		tokens.refresh_token as string
	);
	expect( refreshed.refresh_token ).not.toBe( tokens.refresh_token );
	await expectInvalidGrant( redeem( flow ) );
	await expectInvalidGrant(
		client.refreshTokenGrant(
			flow.config,
			refreshed.refresh_token as string
		)
	);

	const page = await adminContext.newPage();
	await page.goto(
		`${ playground.url }/wp-admin/admin.php?page=keystone-oidc`
	);
	await expect(
		page.getByRole( 'heading', { name: /Clients/, level: 1 } )
	).toBeVisible();
	await expect( page.getByText( 'Playground RP' ) ).toBeVisible();
	expect( pluginErrors( playground ) ).toEqual( [] );
} );

test( 'the hourly cleanup deletes expired codes and tokens on SQLite', async ( {
	playground,
} ) => {
	const session = await restSession();
	try {
		const tables = async (): Promise< Record< string, number > > => {
			const response = await session.get( 'keystone-test/v1/state' );
			expect( response.status(), await response.text() ).toBe( 200 );
			return ( await response.json() ).tables;
		};
		const before = await tables();
		expect( before.oidc_auth_codes ).toBeGreaterThan( 0 );
		expect( before.oidc_tokens ).toBeGreaterThan( 0 );
		// Sixty days on, every code and token of the flow above has expired.
		const clock = await session.post( 'keystone-test/v1/clock', {
			offset: 60 * 86400,
		} );
		expect( clock.status(), await clock.text() ).toBe( 200 );
		try {
			const cleanup = await session.post( 'keystone-test/v1/cleanup' );
			expect( cleanup.status(), await cleanup.text() ).toBe( 200 );
		} finally {
			await session.post( 'keystone-test/v1/clock', { offset: 0 } );
		}
		const after = await tables();
		expect( after.oidc_auth_codes ).toBe( 0 );
		expect( after.oidc_tokens ).toBe( 0 );
		expect( after.oidc_clients ).toBe( before.oidc_clients );
	} finally {
		await session.dispose();
	}
	expect( pluginErrors( playground ) ).toEqual( [] );
} );
