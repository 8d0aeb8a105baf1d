/**
 * The release zip is the product: it is built from the working tree, checked against what may ship,
 * and installed into a WordPress that has never seen the plugin, the way an administrator does it
 * (Plugins → Add Plugin → Upload Plugin → Activate). Then newer zips are uploaded over it
 * ("Replace current with uploaded"), and what the site stored before must still work.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { incrementVersion } from '../../../scripts/release/conventional';
import { isShippedFile } from '../../../scripts/release/plugin-files';
import {
	buildPluginZip,
	type PluginZip,
} from '../../../scripts/release/build-plugin-zip';
import { packageVersion } from '../../../scripts/release/version-files';
import { readZip } from '../../../scripts/release/zip';
import { repoRoot, startSite, type RunningSite } from '../support/site';
import { loginPageAt } from '../support/wp';
import { replaceWithUploaded, submitPluginZip } from '../support/plugin-upload';

const BASE = 'wenisch-tech/keystone-oidc';
const REDIRECT_URI = 'http://127.0.0.1:9/release-test/callback';

interface TestState {
	tables: Record< string, number | null >;
	keys: number;
	active: boolean;
}

interface CreatedClient {
	client_id: string;
	client_secret: string;
}

interface Tokens {
	access_token: string;
	refresh_token?: string;
	id_token: string;
}

let site: RunningSite;
let zipDir: string;
let installed: PluginZip;
let newer: PluginZip;
let newest: PluginZip;
let client: CreatedClient;

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	test.setTimeout( 180_000 );
	zipDir = mkdtempSync( path.join( tmpdir(), 'keystone-release-' ) );
	const version = packageVersion( repoRoot );
	installed = buildPluginZip( { root: repoRoot, outDir: zipDir } );
	newer = buildPluginZip( {
		root: repoRoot,
		outDir: zipDir,
		version: incrementVersion( version, 'patch' ),
	} );
	newest = buildPluginZip( {
		root: repoRoot,
		outDir: zipDir,
		version: incrementVersion(
			incrementVersion( version, 'patch' ),
			'patch'
		),
	} );
	site = await startSite( `release-upload-${ process.pid }`, [
		'--no-plugin',
		'--test-plugins',
	] );
} );

test.afterAll( async () => {
	await site?.stop();
	if ( zipDir ) {
		rmSync( zipDir, { recursive: true, force: true } );
	}
} );

function login( page: Page ): Promise< void > {
	return loginPageAt( page, site.url );
}

async function restNonce( page: Page ): Promise< string > {
	const response = await page.request.get(
		`${ site.url }/wp-admin/admin-ajax.php?action=rest-nonce`
	);
	expect( response.status() ).toBe( 200 );
	return ( await response.text() ).trim();
}

async function rest< T >(
	page: Page,
	method: 'GET' | 'POST',
	route: string,
	data?: unknown
): Promise< { status: number; body: T } > {
	const response = await page.request.fetch(
		`${ site.url }/wp-json/${ route }`,
		{
			method,
			headers: { 'X-WP-Nonce': await restNonce( page ) },
			...( data === undefined ? {} : { data } ),
		}
	);
	return {
		status: response.status(),
		body: ( await response.json() ) as T,
	};
}

async function siteState( page: Page ): Promise< TestState > {
	const { status, body } = await rest< TestState >(
		page,
		'GET',
		'keystone-test/v1/state'
	);
	expect( status ).toBe( 200 );
	return body;
}

/** Uploads a zip through Plugins → Add New Plugin → Upload Plugin and submits "Install Now". */
async function uploadZip( page: Page, zip: PluginZip ): Promise< void > {
	await page.goto( `${ site.url }/wp-admin/plugins.php` );
	await page
		.locator( '.wrap' )
		.getByRole( 'link', { name: /^Add (New )?Plugin$|^Add New$/ } )
		.first()
		.click();
	await expect( page ).toHaveURL( /plugin-install\.php/ );
	await submitPluginZip( page, zip.path );
}

function basic( id: string, secret: string ): string {
	return `Basic ${ Buffer.from(
		`${ encodeURIComponent( id ) }:${ encodeURIComponent( secret ) }`
	).toString( 'base64' ) }`;
}

/** A token request with a code that was never issued: a known client gets past authentication. */
async function tokenErrorFor(
	page: Page,
	secret: string
): Promise< { status: number; error: string } > {
	const response = await page.request.post(
		`${ site.url }/${ BASE }/oauth/token`,
		{
			headers: { Authorization: basic( client.client_id, secret ) },
			form: {
				grant_type: 'authorization_code',
				code: 'never-issued',
				redirect_uri: REDIRECT_URI,
			},
			maxRedirects: 0,
		}
	);
	const body = ( await response.json() ) as { error: string };
	return { status: response.status(), error: body.error };
}

async function jwksKids( page: Page ): Promise< string[] > {
	const response = await page.request.get(
		`${ site.url }/${ BASE }/oauth/jwks`,
		{
			maxRedirects: 0,
		}
	);
	expect( response.status() ).toBe( 200 );
	const { keys } = ( await response.json() ) as {
		keys: Array< { kid: string } >;
	};
	return keys.map( ( key ) => key.kid ).sort();
}

function pluginRow( page: Page ) {
	return page.locator( 'tr[data-slug="keystone-oidc"]' ).first();
}

test( 'the zip holds exactly what runs, under keystone-oidc/', () => {
	const names = readZip( readFileSync( installed.path ) ).map(
		( entry ) => entry.name
	);
	expect( path.basename( installed.path ) ).toBe(
		`keystone-oidc-${ packageVersion( repoRoot ) }.zip`
	);
	for ( const name of names ) {
		expect( name.startsWith( 'keystone-oidc/' ), name ).toBe( true );
		const file = name.slice( 'keystone-oidc/'.length );
		if ( ! name.endsWith( '/' ) ) {
			expect( isShippedFile( file ), `${ file } may ship` ).toBe( true );
		}
	}
	for ( const required of [
		'keystone-oidc/keystone-oidc.php',
		'keystone-oidc/uninstall.php',
		'keystone-oidc/readme.txt',
		'keystone-oidc/LICENSE',
		'keystone-oidc/languages/',
		'keystone-oidc/languages/keystone-oidc.pot',
		'keystone-oidc/includes/Plugin.php',
		'keystone-oidc/build/admin-clients.js',
		'keystone-oidc/build/admin-clients.asset.php',
		'keystone-oidc/assets/form-post.js',
	] ) {
		expect( names ).toContain( required );
	}
	expect(
		names.filter( ( name ) =>
			/\.map$|\/\.|\/(src|tests|node_modules|bin|scripts)\//.test( name )
		)
	).toEqual( [] );
} );

test( 'an admin uploads the zip to a fresh site, activates it, opens its menu and gets discovery', async ( {
	page,
} ) => {
	await login( page );
	await page.goto( `${ site.url }/wp-admin/plugins.php` );
	await expect( pluginRow( page ) ).toHaveCount( 0 );
	expect(
		(
			await page.request.get(
				`${ site.url }/.well-known/openid-configuration`,
				{ maxRedirects: 0 }
			)
		).status()
	).not.toBe( 200 );

	await uploadZip( page, installed );
	const content = page.locator( '#wpbody-content' );
	await expect( content ).toContainText( 'Plugin installed successfully.' );
	await Promise.all( [
		page.waitForURL( /plugins\.php/ ),
		page.getByRole( 'link', { name: 'Activate Plugin' } ).click(),
	] );
	await expect( content ).toContainText( 'Plugin activated.' );
	await expect( pluginRow( page ) ).toHaveClass( /\bactive\b/ );
	await expect( pluginRow( page ) ).toContainText(
		`Version ${ installed.version }`
	);

	await page.locator( '#adminmenu #toplevel_page_keystone-oidc > a' ).click();
	await expect( page ).toHaveURL( /admin\.php\?page=keystone-oidc$/ );
	await expect(
		page.locator( '#adminmenu #toplevel_page_keystone-oidc' )
	).toContainText( 'OIDC Provider' );
	await expect(
		page.locator( '#keystone-oidc-app > *' ).first()
	).toBeVisible();

	const discovery = await page.request.get(
		`${ site.url }/.well-known/openid-configuration`,
		{
			maxRedirects: 0,
		}
	);
	expect( discovery.status() ).toBe( 200 );
	expect( discovery.headers()[ 'content-type' ] ).toMatch(
		/^application\/json/
	);
	const document = ( await discovery.json() ) as Record< string, unknown >;
	expect( document.issuer ).toBe( site.url );
	expect( document.token_endpoint ).toBe(
		`${ site.url }/${ BASE }/oauth/token`
	);
	expect( document.jwks_uri ).toBe( `${ site.url }/${ BASE }/oauth/jwks` );
	expect( ( await jwksKids( page ) ).length ).toBeGreaterThan( 0 );

	const settings = await rest< { version: string } >(
		page,
		'GET',
		'keystone-oidc/v1/settings'
	);
	expect( settings.status ).toBe( 200 );
	expect( settings.body.version ).toBe( installed.version );
} );

test( 'uploading a newer zip over it keeps clients and keys', async ( {
	page,
} ) => {
	await login( page );
	const created = await rest< CreatedClient >(
		page,
		'POST',
		'keystone-oidc/v1/clients',
		{
			name: 'Release upgrade client',
			redirect_uris: [ REDIRECT_URI ],
			skip_consent: true,
		}
	);
	expect( created.status, JSON.stringify( created.body ) ).toBe( 201 );
	client = created.body;
	const before = await siteState( page );
	const kidBefore = (
		await rest< { kid: string } >(
			page,
			'GET',
			'keystone-oidc/v1/settings'
		)
	).body.kid;
	const kidsBefore = await jwksKids( page );
	expect( await tokenErrorFor( page, client.client_secret ) ).toEqual( {
		status: 400,
		error: 'invalid_grant',
	} );

	await uploadZip( page, newer );
	await replaceWithUploaded( page, newer.version );

	await page.goto( `${ site.url }/wp-admin/plugins.php` );
	await expect( pluginRow( page ) ).toContainText(
		`Version ${ newer.version }`
	);
	await expect( pluginRow( page ) ).toHaveClass( /\bactive\b/ );
	await expect(
		page.locator( 'tr[data-slug^="keystone-oidc"]' )
	).toHaveCount( 1 );

	const settings = await rest< { version: string; kid: string } >(
		page,
		'GET',
		'keystone-oidc/v1/settings'
	);
	expect( settings.body.version ).toBe( newer.version );
	expect( settings.body.kid ).toBe( kidBefore );
	expect( await jwksKids( page ) ).toEqual( kidsBefore );
	const after = await siteState( page );
	expect( after.tables ).toEqual( before.tables );
	expect( after.keys ).toBe( before.keys );
	expect( after.active ).toBe( true );

	const listed = await rest< Array< { client_id: string } > >(
		page,
		'GET',
		'keystone-oidc/v1/clients'
	);
	expect( listed.body.map( ( entry ) => entry.client_id ) ).toContain(
		client.client_id
	);
	expect( await tokenErrorFor( page, client.client_secret ) ).toEqual( {
		status: 400,
		error: 'invalid_grant',
	} );
	expect( await tokenErrorFor( page, `${ client.client_secret }x` ) ).toEqual(
		{
			status: 401,
			error: 'invalid_client',
		}
	);
} );

test( 'uploading a newer zip keeps the tokens already issued', async ( {
	page,
} ) => {
	await login( page );
	const discovery = ( await (
		await page.request.get(
			`${ site.url }/.well-known/openid-configuration`
		)
	).json() ) as { scopes_supported?: string[] };
	const scope = [ 'openid', 'profile' ]
		.concat(
			discovery.scopes_supported?.includes( 'offline_access' )
				? [ 'offline_access' ]
				: []
		)
		.join( ' ' );
	const verifier = 'release-test-verifier-' + 'x'.repeat( 43 );
	const challenge = createHash( 'sha256' )
		.update( verifier )
		.digest( 'base64url' );
	const authorize = new URL( `${ site.url }/${ BASE }/oauth/authorize` );
	authorize.search = new URLSearchParams( {
		response_type: 'code',
		client_id: client.client_id,
		redirect_uri: REDIRECT_URI,
		scope,
		state: 'release-state',
		nonce: 'release-nonce',
		code_challenge: challenge,
		code_challenge_method: 'S256',
	} ).toString();
	const redirect = await page.request.get( authorize.href, {
		maxRedirects: 0,
	} );
	expect( redirect.status(), await redirect.text() ).toBe( 302 );
	const callback = new URL( redirect.headers().location ?? '' );
	expect( callback.origin + callback.pathname ).toBe( REDIRECT_URI );
	const code = callback.searchParams.get( 'code' ) ?? '';
	expect( code ).not.toBe( '' );

	const tokenUrl = `${ site.url }/${ BASE }/oauth/token`;
	const issued = await page.request.post( tokenUrl, {
		headers: {
			Authorization: basic( client.client_id, client.client_secret ),
		},
		form: {
			grant_type: 'authorization_code',
			code,
			redirect_uri: REDIRECT_URI,
			code_verifier: verifier,
		},
	} );
	expect( issued.status(), await issued.text() ).toBe( 200 );
	const tokens = ( await issued.json() ) as Tokens;
	expect( tokens.refresh_token ).toBeTruthy();
	const before = await siteState( page );
	expect( before.tables.oidc_tokens ).toBeGreaterThan( 0 );

	await uploadZip( page, newest );
	await replaceWithUploaded( page, newest.version );

	const after = await siteState( page );
	expect( after.tables ).toEqual( before.tables );
	const userinfo = await page.request.get(
		`${ site.url }/${ BASE }/oauth/userinfo`,
		{
			headers: { Authorization: `Bearer ${ tokens.access_token }` },
		}
	);
	expect( userinfo.status(), await userinfo.text() ).toBe( 200 );
	const refreshed = await page.request.post( tokenUrl, {
		headers: {
			Authorization: basic( client.client_id, client.client_secret ),
		},
		form: {
			grant_type: 'refresh_token',
			refresh_token: tokens.refresh_token ?? '',
		},
	} );
	expect( refreshed.status(), await refreshed.text() ).toBe( 200 );
	expect(
		( ( await refreshed.json() ) as Tokens ).access_token
	).toBeTruthy();
} );

/**
 * The admin screens the test visits make WordPress check wordpress.org for updates; the test site
 * blocks outbound HTTP, so core logs a warning for each check. Those lines are core's, not ours.
 */
const CORE_UPDATE_CHECK =
	/PHP Warning: {2}(?:wp_version_check|wp_update_plugins|wp_update_themes|plugins_api)\(\): An unexpected error occurred\. .*WordPress\.org/;

test( 'installing and upgrading wrote nothing else to the PHP error logs', () => {
	for ( const file of [ 'debug.log', 'php-error.log' ] ) {
		const log = path.join( site.dir, file );
		const lines = ( existsSync( log ) ? readFileSync( log, 'utf8' ) : '' )
			.split( '\n' )
			.filter(
				( line ) =>
					line.trim() !== '' && ! CORE_UPDATE_CHECK.test( line )
			);
		expect( lines, file ).toEqual( [] );
	}
} );
