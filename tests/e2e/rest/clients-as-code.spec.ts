/**
 * Clients declared in code: `KEYSTONE_OIDC_CLIENTS` (here as JSON) and the `keystone_oidc_clients`
 * filter, written as a must-use plugin for this spec only. They sign people in like any client,
 * they are listed read-only, every change through REST and WP-CLI is refused, and bad definitions
 * are left out and reported in the admin and in Site Health.
 *
 * The environment secret is set with `putenv` in the must-use plugin: PHP's web server inherits
 * the environment of `bin/site.sh`, which the suite starts before any spec runs.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '../protocol/support/fixtures';
import { signIn } from '../protocol/support/flow';
import { expectOAuthError, raw } from '../protocol/support/http';
import { verifyIdToken } from '../protocol/support/jwt';
import { callbackUri, type TestClient } from '../protocol/support/provider';
import { expectCliError, wp } from '../cli/support';
import { siteDir } from '../support/env';
import type { RestSession } from '../support/wp';
import {
	expectAccessible,
	screenUrl,
	signedInBrowser,
	watchConsole,
} from '../admin/support';
import { expectError, route, session, type Client } from './support';

const DEFINED_IN_CODE = 'keystone_oidc_client_defined_in_code';

const suffix = randomBytes( 4 ).toString( 'hex' );
const ids = {
	hashed: `code-wiki-${ suffix }`,
	env: `code-env-${ suffix }`,
	public: `code-public-${ suffix }`,
	legacy: `code-legacy-${ suffix }`,
	shadowed: `code-shadow-${ suffix }`,
	badScope: `code-badscope-${ suffix }`,
	unsetEnv: `code-noenv-${ suffix }`,
};
const hashedSecret = randomBytes( 32 ).toString( 'base64url' );
const envSecret = randomBytes( 32 ).toString( 'hex' );
const legacySecret = randomBytes( 24 ).toString( 'hex' );
const envName = `KEYSTONE_TEST_CODE_SECRET_${ suffix.toUpperCase() }`;

function sha256( text: string ): string {
	return createHash( 'sha256' ).update( text ).digest( 'hex' );
}

/** A password hash as Keystone OIDC 2.x stored client secrets (bcrypt, cheap cost for a test). */
function bcrypt( secret: string ): string {
	const result = spawnSync(
		'php',
		[
			'-r',
			'echo password_hash( $argv[1], PASSWORD_BCRYPT, array( "cost" => 4 ) );',
			secret,
		],
		{ encoding: 'utf8' }
	);
	expect( result.status, result.stderr ).toBe( 0 );
	return result.stdout;
}

function muPluginFile(): string {
	const dir = siteDir();
	if ( ! dir ) {
		throw new Error(
			'KEYSTONE_SITE_DIR is unset: this spec writes a must-use plugin into the suite’s own site.'
		);
	}
	return path.join(
		dir,
		'wordpress/wp-content/mu-plugins/keystone-test-code-clients.php'
	);
}

const fromConstant = [
	{
		client_id: ids.hashed,
		name: 'Wiki from code',
		redirect_uris: [ callbackUri( 'code-wiki' ) ],
		scopes: [ 'openid', 'profile', 'email' ],
		client_secret_hash: '',
	},
	{
		client_id: ids.shadowed,
		name: 'Shadow from code',
		type: 'public',
		redirect_uris: [ callbackUri( 'code-shadow' ) ],
	},
	{
		client_id: ids.badScope,
		name: 'Bad scope',
		redirect_uris: [ callbackUri( 'code-bad' ) ],
		scopes: [ 'openid', 'no-such-scope' ],
		client_secret_hash: '0'.repeat( 64 ),
	},
];

const fromFilter = [
	{
		client_id: ids.env,
		name: 'Env secret from code',
		redirect_uris: [ callbackUri( 'code-env' ) ],
		token_endpoint_auth_method: 'client_secret_post',
		client_secret_env: envName,
	},
	{
		client_id: ids.public,
		name: 'Public from code',
		type: 'public',
		redirect_uris: [ callbackUri( 'code-public' ) ],
	},
	{
		client_id: ids.legacy,
		name: 'Legacy hash from code',
		grant_types: [ 'client_credentials' ],
		redirect_uris: [],
		client_secret_hash: '',
	},
	{
		client_id: ids.unsetEnv,
		name: 'Unset environment variable',
		redirect_uris: [ callbackUri( 'code-noenv' ) ],
		client_secret_env: `${ envName }_UNSET`,
	},
];

function writeMuPlugin(): void {
	const constant = fromConstant.map( ( definition ) =>
		definition.client_id === ids.hashed
			? { ...definition, client_secret_hash: sha256( hashedSecret ) }
			: definition
	);
	const filtered = fromFilter.map( ( definition ) =>
		definition.client_id === ids.legacy
			? { ...definition, client_secret_hash: bcrypt( legacySecret ) }
			: definition
	);
	const file = muPluginFile();
	mkdirSync( path.dirname( file ), { recursive: true } );
	writeFileSync(
		file,
		`<?php
// Written by tests/e2e/rest/clients-as-code.spec.ts and removed when it ends.
putenv( '${ envName }=${ envSecret }' );
define(
	'KEYSTONE_OIDC_CLIENTS',
	<<<'JSON'
${ JSON.stringify( constant ) }
JSON
);
add_filter(
	'keystone_oidc_clients',
	static function ( $clients ) {
		return array_merge(
			$clients,
			json_decode(
				<<<'JSON'
${ JSON.stringify( filtered ) }
JSON
				,
				true
			)
		);
	}
);
`
	);
}

function testClient(
	clientId: string,
	label: string,
	secret?: string,
	type: 'confidential' | 'public' = 'confidential'
): TestClient {
	return {
		client_id: clientId,
		client_secret: secret,
		name: label,
		type,
		redirect_uris: [ callbackUri( label ) ],
		scopes: [ 'openid', 'profile', 'email' ],
		redirectUri: callbackUri( label ),
	};
}

let admin: RestSession;

test.beforeAll( async () => {
	admin = await session();
	// A stored client first, with the client_id a code client then takes over.
	const imported = wp(
		[ 'oidc', 'config', 'import', '-' ],
		JSON.stringify( {
			version: 1,
			clients: [
				{
					client_id: ids.shadowed,
					name: 'Shadow stored',
					type: 'public',
					redirect_uris: [ callbackUri( 'stored-shadow' ) ],
				},
			],
		} )
	);
	expect( imported.status, imported.stderr ).toBe( 0 );
	writeMuPlugin();
} );

test.afterAll( async () => {
	rmSync( muPluginFile(), { force: true } );
	if ( admin ) {
		// Stored again once the definition is gone: it can be deleted.
		const removed = await admin.delete(
			route( `clients/${ ids.shadowed }` )
		);
		expect( removed.status(), await removed.text() ).toBe( 200 );
		await admin.dispose();
	}
} );

test.describe( 'listed and read over REST', () => {
	test( 'valid definitions are listed with source "code"; bad ones are left out', async () => {
		const response = await admin.get( route( 'clients' ) );
		expect( response.status() ).toBe( 200 );
		const text = await response.text();
		const clients = JSON.parse( text ) as Client[];
		const byId = new Map(
			clients.map( ( item ) => [ item.client_id, item ] )
		);
		for ( const id of [ ids.hashed, ids.env, ids.public, ids.legacy ] ) {
			expect( byId.get( id )?.source, id ).toBe( 'code' );
		}
		expect( byId.has( ids.badScope ) ).toBe( false );
		expect( byId.has( ids.unsetEnv ) ).toBe( false );
		// The code client wins over the stored one with its client_id, listed once.
		expect(
			clients.filter( ( item ) => item.client_id === ids.shadowed )
		).toHaveLength( 1 );
		expect( byId.get( ids.shadowed )?.name ).toBe( 'Shadow from code' );
		// Never a secret, a hash or the environment variable's value.
		expect( text ).not.toContain( sha256( hashedSecret ) );
		expect( text ).not.toContain( envSecret );
		expect( text ).not.toContain( 'client_secret_hash' );

		const wiki = byId.get( ids.hashed ) as Client;
		expect( wiki.name ).toBe( 'Wiki from code' );
		expect( wiki.scopes ).toEqual( [ 'openid', 'profile', 'email' ] );
		expect( wiki.grant_types ).toEqual( [
			'authorization_code',
			'refresh_token',
		] );
		expect( wiki.token_endpoint_auth_method ).toBe( 'client_secret_basic' );
		expect( byId.get( ids.env )?.token_endpoint_auth_method ).toBe(
			'client_secret_post'
		);

		const one = await admin.get( route( `clients/${ ids.hashed }` ) );
		expect( one.status() ).toBe( 200 );
		expect( ( await one.json() ) as Client ).toEqual( wiki );
	} );

	test( 'a left-out definition is not found', async () => {
		await expectError(
			await admin.get( route( `clients/${ ids.badScope }` ) ),
			404,
			'keystone_oidc_client_not_found'
		);
	} );
} );

test.describe( 'every change through REST is refused', () => {
	test( 'PUT', async () => {
		await expectError(
			await admin.put( route( `clients/${ ids.hashed }` ), {
				name: 'Renamed',
				redirect_uris: [ callbackUri( 'code-wiki' ) ],
			} ),
			409,
			DEFINED_IN_CODE
		);
	} );

	test( 'PATCH', async () => {
		await expectError(
			await admin.patch( route( `clients/${ ids.public }` ), {
				name: 'Renamed',
			} ),
			409,
			DEFINED_IN_CODE
		);
	} );

	test( 'DELETE', async () => {
		await expectError(
			await admin.delete( route( `clients/${ ids.env }` ) ),
			409,
			DEFINED_IN_CODE
		);
	} );

	test( 'reset secret', async () => {
		await expectError(
			await admin.post( route( `clients/${ ids.hashed }/secret` ) ),
			409,
			DEFINED_IN_CODE
		);
	} );

	test( 'the shadowed stored client cannot be changed either', async () => {
		await expectError(
			await admin.patch( route( `clients/${ ids.shadowed }` ), {
				name: 'Renamed',
			} ),
			409,
			DEFINED_IN_CODE
		);
	} );

	test( 'nothing changed', async () => {
		const one = await admin.get( route( `clients/${ ids.hashed }` ) );
		expect( ( ( await one.json() ) as Client ).name ).toBe(
			'Wiki from code'
		);
	} );
} );

test.describe( 'every change through WP-CLI is refused', () => {
	test( 'client update, delete, reset-secret and config import', () => {
		expectCliError(
			wp( [ 'oidc', 'client', 'update', ids.hashed, '--name=Renamed' ] ),
			DEFINED_IN_CODE
		);
		// Refused before asking: --yes is not needed to learn it.
		expectCliError(
			wp( [ 'oidc', 'client', 'delete', ids.hashed ] ),
			DEFINED_IN_CODE
		);
		expectCliError(
			wp( [ 'oidc', 'client', 'reset-secret', ids.env, '--yes' ] ),
			DEFINED_IN_CODE
		);
		const imported = wp(
			[ 'oidc', 'config', 'import', '-' ],
			JSON.stringify( {
				version: 1,
				clients: [
					{
						client_id: ids.public,
						name: 'Imported over code',
						type: 'public',
						redirect_uris: [ callbackUri( 'code-public' ) ],
					},
				],
			} )
		);
		expect( imported.status ).toBe( 1 );
		expect( imported.stderr ).toContain( DEFINED_IN_CODE );
		const listed = wp( [
			'oidc',
			'client',
			'get',
			ids.hashed,
			'--format=json',
		] );
		expect( listed.status, listed.stderr ).toBe( 0 );
		expect( JSON.parse( listed.stdout ) ).toMatchObject( {
			client_id: ids.hashed,
			source: 'code',
		} );
	} );
} );

test.describe( 'they sign people in like any client', () => {
	test( 'hashed secret: the code flow with openid-client', async ( {
		signedIn,
		user,
	} ) => {
		const wiki = testClient( ids.hashed, 'code-wiki', hashedSecret );
		const { flow, tokens } = await signIn( signedIn, wiki );
		const claims = await verifyIdToken( tokens.id_token as string, {
			clientId: ids.hashed,
			userId: user.id,
			nonce: flow.nonce,
			accessToken: tokens.access_token,
		} );
		expect( claims.aud ).toBe( ids.hashed );
		expect( claims.email ).toBe( user.email );
		expect( tokens.refresh_token ).toBeTruthy();
	} );

	test( 'environment secret with client_secret_post', async ( {
		signedIn,
	} ) => {
		const envClient = testClient( ids.env, 'code-env', envSecret );
		const { tokens } = await signIn( signedIn, envClient, {
			method: 'client_secret_post',
		} );
		expect( tokens.access_token ).toBeTruthy();
	} );

	test( 'public client with PKCE', async ( { signedIn } ) => {
		const publicClient = testClient(
			ids.public,
			'code-public',
			undefined,
			'public'
		);
		const { tokens } = await signIn( signedIn, publicClient );
		expect( tokens.id_token ).toBeTruthy();
	} );

	test( 'a 2.x password hash works, and keeps working (nothing to rewrite)', async () => {
		for ( let attempt = 0; attempt < 2; attempt++ ) {
			const response = await raw( 'token', {
				form: { grant_type: 'client_credentials' },
				basic: { id: ids.legacy, secret: legacySecret },
			} );
			expect( response.status, response.text ).toBe( 200 );
			expect( response.json.access_token ).toBeTruthy();
		}
	} );

	test( 'a wrong secret is invalid_client', async () => {
		expectOAuthError(
			await raw( 'token', {
				form: { grant_type: 'authorization_code', code: 'nope' },
				basic: { id: ids.hashed, secret: envSecret },
			} ),
			401,
			'invalid_client'
		);
	} );

	test( 'a left-out definition cannot authenticate', async () => {
		expectOAuthError(
			await raw( 'token', {
				form: {
					grant_type: 'authorization_code',
					code: 'nope',
					client_id: ids.unsetEnv,
					client_secret: envSecret,
				},
			} ),
			401,
			'invalid_client'
		);
	} );

	test( 'a left-out definition gets no authorization', async () => {
		const url = new URL(
			`${ process.env.WP_BASE_URL }/wenisch-tech/keystone-oidc/oauth/authorize`
		);
		url.search = new URLSearchParams( {
			client_id: ids.badScope,
			redirect_uri: 'https://rp.example.test/x',
			response_type: 'code',
			scope: 'openid',
		} ).toString();
		const response = await fetch( url, { redirect: 'manual' } );
		expect( response.status ).toBe( 400 );
		expect( response.headers.get( 'location' ) ).toBeNull();
	} );
} );

test.describe( 'the admin', () => {
	test( 'the Clients screen marks them read-only and names the bad definitions', async ( {
		browser,
	} ) => {
		const context = await signedInBrowser( browser );
		const page = await context.newPage();
		const consoleErrors = watchConsole( page );
		await page.goto( screenUrl( 'keystone-oidc' ) );

		const notice = page.locator( '.keystone-oidc-code-clients-notice' );
		await expect( notice ).toContainText(
			'some clients defined in code cannot be used'
		);
		await expect( notice ).toContainText(
			`(${ ids.badScope }) was left out: The scope "no-such-scope" is not supported.`
		);
		await expect( notice ).toContainText(
			`(${ ids.unsetEnv }) was left out: the environment variable ${ envName }_UNSET is not set.`
		);
		await expect( notice ).toContainText(
			`The client ${ ids.shadowed } is defined in code and also stored in the database`
		);

		// The shared site holds many clients by now: find ours as an admin would.
		await page
			.locator( '#keystone-oidc-app' )
			.getByRole( 'searchbox', { name: 'Search clients' } )
			.fill( ids.hashed );
		const row = page
			.locator( '#keystone-oidc-app tr' )
			.filter( { hasText: ids.hashed } );
		await expect( row ).toContainText( 'Defined in code — read-only' );
		await expect(
			row.getByRole( 'link', { name: 'View “Wiki from code”' } )
		).toBeVisible();
		await expectAccessible( page );

		await row
			.getByRole( 'link', { name: 'View “Wiki from code”' } )
			.click();
		const app = page.locator( '#keystone-oidc-app' );
		await expect(
			app.getByRole( 'heading', { name: 'View Client' } )
		).toBeVisible();
		await expect(
			app.locator( '.keystone-oidc-defined-in-code' )
		).toContainText( 'Defined in code' );
		const name = app.getByRole( 'textbox', { name: /Name/ } ).first();
		await expect( name ).toHaveValue( 'Wiki from code' );
		await expect( name ).toBeDisabled();
		await expect(
			app.getByRole( 'button', { name: /Save|Update/ } )
		).toBeDisabled();
		await expect(
			app.getByRole( 'button', { name: 'Reset Secret' } )
		).toHaveCount( 0 );
		await expect(
			app.getByRole( 'button', { name: /Delete/ } )
		).toHaveCount( 0 );
		await expectAccessible( page );
		expect( consoleErrors ).toEqual( [] );
		await context.close();
	} );

	test( 'Site Health names the bad definitions', async ( { browser } ) => {
		const context = await signedInBrowser( browser );
		const page = await context.newPage();
		// WordPress's own asynchronous tests fetch WordPress.org, which this offline machine cannot
		// reach (core logs a warning then); ours is a direct test, rendered from the page itself.
		await page.route(
			( url ) =>
				decodeURIComponent( url.href ).includes(
					'/wp-site-health/v1/tests/'
				),
			( handler ) => handler.abort()
		);
		await page.goto(
			`${ process.env.WP_BASE_URL }/wp-admin/site-health.php`
		);
		const block = 'health-check-accordion-block-keystone_oidc_code_clients';
		const issue = page.locator(
			`#health-check-issues-recommended .health-check-accordion-trigger[aria-controls="${ block }"]`
		);
		await expect( issue ).toContainText(
			'Some OpenID Connect clients defined in code cannot be used'
		);
		await issue.click();
		const panel = page.locator( `#${ block }` );
		await expect( panel ).toContainText( ids.badScope );
		await expect( panel ).toContainText( ids.unsetEnv );
		await expect( panel ).toContainText( ids.shadowed );
		await context.close();
	} );
} );
