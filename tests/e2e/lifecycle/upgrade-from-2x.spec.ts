/**
 * A site running the published Keystone OIDC 2.3.1 (the real zip from ../shared/fixtures) upgrades
 * in place to this release, and its relying parties notice nothing: clients, secrets, refresh and
 * access tokens, the 2.x signing key, the issuer and the Keycloak-style paths all carry over.
 *
 * The main site does it the way an admin does: 2.3.1 uploaded and activated in Chromium, clients
 * created in its own admin screens, a grant made through its own authorize → consent → token
 * endpoints, then this project's release zip uploaded over it (Replace current with uploaded). A
 * second site gets the files copied over without a re-activation, with the upgrade interrupted
 * half-way before the first request, and must finish it on that request.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
	test,
	expect,
	type APIRequestContext,
	type Page,
} from '@playwright/test';
import { decodeProtectedHeader } from 'jose';
import * as oidc from 'openid-client';
import {
	buildPluginZip,
	type PluginZip,
} from '../../../scripts/release/build-plugin-zip';
import { readZip } from '../../../scripts/release/zip';
import { repoRoot, startSite, type RunningSite } from '../support/site';
import { consent } from '../protocol/support/flow';
import { expectPhpLogsUnchanged, phpLogSizes } from '../support/test';
import { loginPageAt } from '../support/wp';
import { replaceWithUploaded, submitPluginZip } from '../support/plugin-upload';
import {
	remoteProvider,
	verifyAccessToken,
	verifyIdToken,
} from '../../shared/token-verifier';

const BASE = 'wenisch-tech/keystone-oidc';
const V2_ZIP = path.resolve(
	repoRoot,
	'../shared/fixtures/keystone-oidc-2.3.1.zip'
);
const WP_CLI = path.resolve( repoRoot, '../shared/tools/wp-cli.phar' );
const CALLBACK = 'http://127.0.0.1:9/upgrade-test/callback';
const SECOND_CALLBACK = 'http://127.0.0.1:9/upgrade-test/second';
/** An issuer a 2.x admin set by hand (the `keystone_oidc_issuer` option, trailing slash and all). */
const CUSTOM_ISSUER = 'https://id.example.test/realms/main';

/** The secret with its last character changed: never the secret itself, whatever it ends with. */
function wrongSecret( secret: string ): string {
	return `${ secret.slice( 0, -1 ) }${ secret.endsWith( '0' ) ? '1' : '0' }`;
}

interface V2Client {
	name: string;
	client_id: string;
	client_secret: string;
}

interface TokenSet {
	access_token: string;
	refresh_token: string;
	id_token: string;
}

interface SiteState {
	schema: string | false;
	tables: Record< string, number | null >;
	all_tables: string[];
	legacy_secrets: number;
	options: { option_name: string; autoload: string }[];
	active: boolean;
}

interface Jwks {
	keys: Array< { kid: string; kty: string; alg?: string } >;
}

let site: RunningSite;
let release: PluginZip;
let zipDir: string;
/** Sizes of the site's PHP logs just before the upgrade: the upgraded plugin must add nothing. */
let logSizes: Map< string, number >;
const v2 = {
	issuer: '',
	kid: '',
	clients: [] as V2Client[],
	tokens: null as TokenSet | null,
};

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	test.setTimeout( 180_000 );
	for ( const needed of [ V2_ZIP, WP_CLI ] ) {
		if ( ! existsSync( needed ) ) {
			throw new Error(
				`${ needed } is missing: the upgrade test needs the shared folder next to the project (../shared).`
			);
		}
	}
	zipDir = mkdtempSync( path.join( tmpdir(), 'keystone-upgrade-' ) );
	release = buildPluginZip( { root: repoRoot, outDir: zipDir } );
	site = await startSite( `upgrade-2x-${ process.pid }`, [
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

/**
 * The admin screens make WordPress core look for updates, which fails offline (the test sites block
 * outbound HTTP) with a warning of core's own; that one line is not the plugin's and is left out.
 */
const OFFLINE_UPDATE_CHECK =
	/could not establish a secure connection to WordPress\.org/;

function expectNoNewLogLines( before: Map< string, number > ): void {
	expectPhpLogsUnchanged( before, OFFLINE_UPDATE_CHECK );
}

function wp( dir: string, args: string[] ): string {
	return execFileSync(
		'php',
		[
			WP_CLI,
			`--path=${ path.join( dir, 'wordpress' ) }`,
			'--allow-root',
			...args,
		],
		{ cwd: repoRoot, encoding: 'utf8', stdio: [ 'ignore', 'pipe', 'pipe' ] }
	);
}

async function rest< T >(
	page: Page,
	url: string,
	method: 'GET' | 'PUT',
	route: string,
	data?: unknown
): Promise< { status: number; body: T } > {
	const nonce = await page.request.get(
		`${ url }/wp-admin/admin-ajax.php?action=rest-nonce`
	);
	const response = await page.request.fetch( `${ url }/wp-json/${ route }`, {
		method,
		headers: { 'X-WP-Nonce': ( await nonce.text() ).trim() },
		...( data === undefined ? {} : { data } ),
	} );
	return {
		status: response.status(),
		body: ( await response.json() ) as T,
	};
}

async function siteState( page: Page, url: string ): Promise< SiteState > {
	const { status, body } = await rest< SiteState >(
		page,
		url,
		'GET',
		'keystone-test/v1/state'
	);
	expect( status ).toBe( 200 );
	return body;
}

function basic( id: string, secret: string ): string {
	return `Basic ${ Buffer.from( `${ id }:${ secret }` ).toString(
		'base64'
	) }`;
}

async function tokenRequest(
	request: APIRequestContext,
	url: string,
	client: V2Client,
	form: Record< string, string >,
	secret = client.client_secret
): Promise< { status: number; body: Record< string, unknown > } > {
	const response = await request.post( url, {
		headers: { Authorization: basic( client.client_id, secret ) },
		form,
		maxRedirects: 0,
	} );
	return {
		status: response.status(),
		body: ( await response.json() ) as Record< string, unknown >,
	};
}

async function jwks(
	request: APIRequestContext,
	url: string
): Promise< Jwks > {
	const response = await request.get( url, { maxRedirects: 0 } );
	expect( response.status() ).toBe( 200 );
	return ( await response.json() ) as Jwks;
}

/**
 * The tokens the upgraded plugin issues when a 2.x refresh token (user 1's) is redeemed, by the
 * shared verifier: issued under `issuer` (the one 2.x used), no nonce after a refresh, and no `sid`,
 * since no WordPress session stood behind a 2.x grant.
 */
async function verifyTokensOfV2Grant(
	tokens: Record< string, unknown >,
	siteUrl: string,
	issuer: string,
	clientId: string
): Promise< void > {
	const provider = remoteProvider(
		issuer,
		`${ siteUrl }/${ BASE }/oauth/jwks`
	);
	const accessToken = String( tokens.access_token );
	await verifyIdToken( String( tokens.id_token ), provider, {
		clientId,
		sub: 1,
		accessToken,
		nonce: null,
		sid: null,
	} );
	await verifyAccessToken( accessToken, provider, {
		clientId,
		sub: 1,
		scope: String( tokens.scope ),
	} );
}

async function uploadZip( page: Page, zipPath: string ): Promise< void > {
	await page.goto( `${ site.url }/wp-admin/plugin-install.php` );
	await submitPluginZip( page, zipPath );
}

function pluginRow( page: Page ) {
	return page.locator( 'tr[data-slug="keystone-oidc"]' ).first();
}

/** Creates a client through the 2.3.1 admin screen and reads the secret it shows once. */
async function createV2Client(
	page: Page,
	name: string,
	redirectUris: string[]
): Promise< V2Client > {
	await page.goto(
		`${ site.url }/wp-admin/admin.php?page=wp-oidc-add-client`
	);
	await page.locator( '#client_name' ).fill( name );
	await page.locator( '#redirect_uris' ).fill( redirectUris.join( '\n' ) );
	await page.getByRole( 'button', { name: 'Create Client' } ).click();
	const secret = page.locator( '#client-secret-value' );
	await expect( secret ).toBeVisible();
	return {
		name,
		client_id: (
			await page.locator( '#client-id-value' ).innerText()
		).trim(),
		client_secret: ( await secret.innerText() ).trim(),
	};
}

function pkce(): { verifier: string; challenge: string } {
	const verifier = oidc.randomPKCECodeVerifier();
	return {
		verifier,
		challenge: createHash( 'sha256' )
			.update( verifier )
			.digest( 'base64url' ),
	};
}

test( 'Keystone OIDC 2.3.1: uploaded, activated, clients and a grant made through its own admin and endpoints', async ( {
	page,
} ) => {
	await loginPageAt( page, site.url );
	await uploadZip( page, V2_ZIP );
	const content = page.locator( '#wpbody-content' );
	await expect( content ).toContainText( 'Plugin installed successfully.' );
	await Promise.all( [
		page.waitForURL( /plugins\.php/ ),
		page.getByRole( 'link', { name: 'Activate Plugin' } ).click(),
	] );
	await expect( pluginRow( page ) ).toContainText( 'Version 2.3.1' );
	await expect( pluginRow( page ) ).toHaveClass( /\bactive\b/ );

	v2.clients.push(
		await createV2Client( page, 'Wiki (2.x)', [
			CALLBACK,
			SECOND_CALLBACK,
		] ),
		await createV2Client( page, 'Dashboard (2.x)', [ CALLBACK ] )
	);

	const discovery = await page.request.get(
		`${ site.url }/${ BASE }/.well-known/openid-configuration`
	);
	expect( discovery.status() ).toBe( 200 );
	v2.issuer = ( ( await discovery.json() ) as { issuer: string } ).issuer;
	expect( v2.issuer ).toBe( `${ site.url }/${ BASE }` );
	const keys = await jwks(
		page.request,
		`${ site.url }/${ BASE }/oauth/jwks`
	);
	expect( keys.keys ).toHaveLength( 1 );
	v2.kid = keys.keys[ 0 ]?.kid ?? '';

	const [ wiki ] = v2.clients;
	if ( ! wiki ) {
		throw new Error( 'no 2.x client' );
	}
	const { verifier, challenge } = pkce();
	const authorize = new URL( `${ site.url }/${ BASE }/oauth/authorize` );
	authorize.search = new URLSearchParams( {
		response_type: 'code',
		client_id: wiki.client_id,
		redirect_uri: CALLBACK,
		scope: 'openid profile email',
		state: 'v2-state',
		nonce: 'v2-nonce',
		code_challenge: challenge,
		code_challenge_method: 'S256',
	} ).toString();
	const callback = await consent(
		page.context(),
		authorize.href,
		CALLBACK,
		'Allow Access'
	);
	expect( callback.searchParams.get( 'state' ) ).toBe( 'v2-state' );
	const token = await tokenRequest(
		page.request,
		`${ site.url }/${ BASE }/oauth/token`,
		wiki,
		{
			grant_type: 'authorization_code',
			code: callback.searchParams.get( 'code' ) ?? '',
			redirect_uri: CALLBACK,
			code_verifier: verifier,
		}
	);
	expect( token.status, JSON.stringify( token.body ) ).toBe( 200 );
	v2.tokens = token.body as unknown as TokenSet;
	expect( decodeProtectedHeader( v2.tokens.access_token ).kid ).toBe(
		v2.kid
	);
} );

test( 'the release zip replaces 2.3.1 through Upload Plugin → Replace current with uploaded', async ( {
	page,
} ) => {
	await loginPageAt( page, site.url );
	logSizes = phpLogSizes( site.dir );
	await uploadZip( page, release.path );
	await replaceWithUploaded( page, release.version );

	await page.goto( `${ site.url }/wp-admin/plugins.php` );
	await expect( pluginRow( page ) ).toContainText(
		`Version ${ release.version }`
	);
	await expect( pluginRow( page ) ).toHaveClass( /\bactive\b/ );
	expect( release.version ).toBe( '3.0.0' );

	const state = await siteState( page, site.url );
	expect( state.schema ).toBe( '6' );
	expect( state.tables.oidc_clients ).toBe( 2 );
	expect( state.legacy_secrets ).toBe( 2 );
	expect(
		state.all_tables.filter( ( name ) => name.includes( 'oidc_v2_' ) )
	).toEqual( [] );
	const options = state.options.map( ( option ) => option.option_name );
	for ( const gone of [
		'keystone_oidc_private_key',
		'keystone_oidc_public_key',
		'keystone_oidc_key_id',
	] ) {
		expect( options ).not.toContain( gone );
	}
	expectNoNewLogLines( logSizes );
} );

test( 'discovery, JWKS and the Keycloak-style paths answer with the 2.x issuer and key', async ( {
	request,
} ) => {
	for ( const location of [
		`${ v2.issuer }/.well-known/openid-configuration`,
		`${ site.url }/.well-known/openid-configuration`,
	] ) {
		const response = await request.get( location, { maxRedirects: 0 } );
		expect( response.status(), location ).toBe( 200 );
		const document = ( await response.json() ) as Record< string, string >;
		expect( document.issuer ).toBe( v2.issuer );
		expect( document.token_endpoint ).toBe(
			`${ site.url }/${ BASE }/oauth/token`
		);
	}
	const published = await jwks(
		request,
		`${ site.url }/${ BASE }/oauth/jwks`
	);
	expect( published.keys.map( ( key ) => key.kid ) ).toContain( v2.kid );
	const certs = await jwks(
		request,
		`${ site.url }/${ BASE }/protocol/openid-connect/certs`
	);
	expect( certs ).toEqual( published );

	const auth = await request.get(
		`${ site.url }/${ BASE }/protocol/openid-connect/auth?client_id=unknown`,
		{ maxRedirects: 0 }
	);
	expect( auth.status() ).toBe( 400 );
	expect( auth.headers()[ 'content-type' ] ).toMatch( /^text\/html/ );
	expectNoNewLogLines( logSizes );
} );

test( 'a 2.x access token keeps working at UserInfo (also at its Keycloak-style path), introspection and revocation', async ( {
	request,
} ) => {
	const tokens = v2.tokens;
	if ( ! tokens ) {
		throw new Error( 'no 2.x tokens' );
	}
	for ( const location of [
		`${ site.url }/${ BASE }/oauth/userinfo`,
		`${ site.url }/${ BASE }/protocol/openid-connect/userinfo`,
	] ) {
		const response = await request.get( location, {
			headers: { Authorization: `Bearer ${ tokens.access_token }` },
		} );
		expect( response.status(), location ).toBe( 200 );
		expect( ( ( await response.json() ) as { sub: string } ).sub ).toBe(
			'1'
		);
	}
	// Altered by one character, the same token is refused.
	const tampered =
		tokens.access_token.slice( 0, -2 ) +
		( tokens.access_token.endsWith( 'A' ) ? 'BB' : 'AA' );
	const refused = await request.get(
		`${ site.url }/${ BASE }/oauth/userinfo`,
		{
			headers: { Authorization: `Bearer ${ tampered }` },
		}
	);
	expect( refused.status() ).toBe( 401 );
	expect( ( ( await refused.json() ) as { error: string } ).error ).toBe(
		'invalid_token'
	);
	// Introspection tells its client about it; revocation ends it.
	const [ wiki ] = v2.clients;
	if ( ! wiki ) {
		throw new Error( 'no 2.x client' );
	}
	const introspect = async () => {
		const response = await request.post(
			`${ site.url }/${ BASE }/oauth/introspect`,
			{
				headers: {
					Authorization: basic( wiki.client_id, wiki.client_secret ),
				},
				form: { token: tokens.access_token },
			}
		);
		expect( response.status() ).toBe( 200 );
		return ( await response.json() ) as Record< string, unknown >;
	};
	expect( await introspect() ).toMatchObject( {
		active: true,
		client_id: wiki.client_id,
		token_type: 'Bearer',
		sub: '1',
		iss: v2.issuer,
	} );
	const revoked = await request.post(
		`${ site.url }/${ BASE }/oauth/revoke`,
		{
			headers: {
				Authorization: basic( wiki.client_id, wiki.client_secret ),
			},
			form: { token: tokens.access_token },
		}
	);
	expect( revoked.status() ).toBe( 200 );
	expect( await introspect() ).toEqual( { active: false } );
	const afterRevocation = await request.get(
		`${ site.url }/${ BASE }/oauth/userinfo`,
		{ headers: { Authorization: `Bearer ${ tokens.access_token }` } }
	);
	expect( afterRevocation.status() ).toBe( 401 );
	expect(
		( ( await afterRevocation.json() ) as { error: string } ).error
	).toBe( 'invalid_token' );
	expectNoNewLogLines( logSizes );
} );

test( 'a 2.x client secret is refused when wrong, and a 2.x refresh token redeems once, then its reuse ends the family', async ( {
	request,
	page,
} ) => {
	const [ wiki, dashboard ] = v2.clients;
	const tokens = v2.tokens;
	if ( ! wiki || ! dashboard || ! tokens ) {
		throw new Error( 'no 2.x state' );
	}
	const token = `${ site.url }/${ BASE }/oauth/token`;
	for ( const client of [ wiki, dashboard ] ) {
		expect(
			await tokenRequest(
				request,
				token,
				client,
				{
					grant_type: 'refresh_token',
					refresh_token: tokens.refresh_token,
				},
				wrongSecret( client.client_secret )
			)
		).toMatchObject( { status: 401, body: { error: 'invalid_client' } } );
	}

	const refreshed = await tokenRequest(
		request,
		`${ site.url }/${ BASE }/protocol/openid-connect/token`,
		wiki,
		{ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }
	);
	expect( refreshed.status, JSON.stringify( refreshed.body ) ).toBe( 200 );
	const rotated = refreshed.body as unknown as TokenSet;
	expect( rotated.refresh_token ).not.toBe( tokens.refresh_token );
	await verifyTokensOfV2Grant(
		refreshed.body,
		site.url,
		v2.issuer,
		wiki.client_id
	);

	const reuse = await tokenRequest( request, token, wiki, {
		grant_type: 'refresh_token',
		refresh_token: tokens.refresh_token,
	} );
	expect( reuse ).toMatchObject( {
		status: 400,
		body: { error: 'invalid_grant' },
	} );
	const successor = await tokenRequest( request, token, wiki, {
		grant_type: 'refresh_token',
		refresh_token: rotated.refresh_token,
	} );
	expect( successor ).toMatchObject( {
		status: 400,
		body: { error: 'invalid_grant' },
	} );
	// Wiki's secret is stored in the new form now; Dashboard only ever sent a wrong one.
	await loginPageAt( page, site.url );
	expect( ( await siteState( page, site.url ) ).legacy_secrets ).toBe( 1 );
	expectNoNewLogLines( logSizes );
} );

test( 'a 2.x client signs a user in again with its old secret (openid-client), which is then stored in the new form', async ( {
	page,
} ) => {
	const [ , dashboard ] = v2.clients;
	if ( ! dashboard ) {
		throw new Error( 'no 2.x client' );
	}
	await loginPageAt( page, site.url );
	// A full update (PUT) of a client whose 2.x secret was never used since keeps that secret.
	const read = await rest< { name: string; redirect_uris: string[] } >(
		page,
		site.url,
		'GET',
		`keystone-oidc/v1/clients/${ dashboard.client_id }`
	);
	expect( read.status ).toBe( 200 );
	const put = await rest< { name: string } >(
		page,
		site.url,
		'PUT',
		`keystone-oidc/v1/clients/${ dashboard.client_id }`,
		{
			name: read.body.name,
			redirect_uris: read.body.redirect_uris,
			scopes: [ 'openid', 'profile', 'email', 'offline_access' ],
		}
	);
	expect( put.status, JSON.stringify( put.body ) ).toBe( 200 );
	expect( ( await siteState( page, site.url ) ).legacy_secrets ).toBe( 1 );
	const config = await oidc.discovery(
		new URL( v2.issuer ),
		dashboard.client_id,
		{ redirect_uris: [ CALLBACK ] },
		oidc.ClientSecretBasic( dashboard.client_secret ),
		{ execute: [ oidc.allowInsecureRequests ] }
	);
	const { verifier, challenge } = pkce();
	const state = oidc.randomState();
	const url = oidc.buildAuthorizationUrl( config, {
		redirect_uri: CALLBACK,
		scope: 'openid profile email offline_access',
		state,
		code_challenge: challenge,
		code_challenge_method: 'S256',
	} );
	const callback = await consent(
		page.context(),
		url.href,
		CALLBACK,
		'Allow'
	);
	const tokens = await oidc.authorizationCodeGrant( config, callback, {
		pkceCodeVerifier: verifier,
		expectedState: state,
	} );
	expect( tokens.claims()?.iss ).toBe( v2.issuer );
	const info = await oidc.fetchUserInfo(
		config,
		tokens.access_token,
		tokens.claims()?.sub ?? ''
	);
	expect( info.sub ).toBe( '1' );
	// The secret now verifies in its new storage form.
	const refreshed = await oidc.refreshTokenGrant(
		config,
		tokens.refresh_token ?? ''
	);
	expect( refreshed.access_token ).not.toBe( tokens.access_token );
	expect( ( await siteState( page, site.url ) ).legacy_secrets ).toBe( 0 );
	expectNoNewLogLines( logSizes );
} );

test( 'the Clients and Settings screens show the 2.x clients and the legacy issuer mode; PUT /settings validates', async ( {
	page,
} ) => {
	await loginPageAt( page, site.url );
	const listed = await rest<
		Array< {
			client_id: string;
			name: string;
			redirect_uris: string[];
			scopes: string[];
			type: string;
			created_at: string;
		} >
	>( page, site.url, 'GET', 'keystone-oidc/v1/clients' );
	expect( listed.status ).toBe( 200 );
	const [ wiki, dashboard ] = v2.clients;
	const wikiRow = listed.body.find(
		( row ) => row.client_id === wiki?.client_id
	);
	expect( wikiRow ).toMatchObject( {
		name: 'Wiki (2.x)',
		type: 'confidential',
		redirect_uris: [ CALLBACK, SECOND_CALLBACK ],
	} );
	expect( wikiRow?.scopes ).toEqual( [ 'openid', 'profile', 'email' ] );
	expect( wikiRow?.created_at ).toMatch( /^\d{4}-\d\d-\d\dT/ );

	await page.goto( `${ site.url }/wp-admin/admin.php?page=keystone-oidc` );
	for ( const client of [ wiki, dashboard ] ) {
		await expect( page.locator( '#keystone-oidc-app' ) ).toContainText(
			client?.name ?? ''
		);
		await expect( page.locator( '#keystone-oidc-app' ) ).toContainText(
			client?.client_id ?? ''
		);
	}

	await page.goto(
		`${ site.url }/wp-admin/admin.php?page=keystone-oidc-settings`
	);
	const legacy = page.getByRole( 'radio', {
		name: new RegExp(
			`2\\.x issuer: ${ v2.issuer.replace(
				/[.*+?^${}()|[\]\\]/g,
				'\\$&'
			) }$`
		),
	} );
	await expect( legacy ).toBeChecked();
	await expect( page.locator( '#keystone-oidc-app' ) ).toContainText(
		v2.issuer
	);

	const invalid = await rest< { code: string; data: { status: number } } >(
		page,
		site.url,
		'PUT',
		'keystone-oidc/v1/settings',
		{ issuer_mode: 'custom' }
	);
	expect( invalid.status ).toBe( 400 );
	expect( invalid.body.code ).toBe( 'keystone_oidc_invalid_issuer_mode' );
	const empty = await rest< { code: string } >(
		page,
		site.url,
		'PUT',
		'keystone-oidc/v1/settings',
		{}
	);
	expect( empty.status ).toBe( 400 );
	expect( empty.body.code ).toBe( 'keystone_oidc_no_settings' );
	const unknown = await rest< { code: string; data: { fields: string[] } } >(
		page,
		site.url,
		'PUT',
		'keystone-oidc/v1/settings',
		{ issuer_mode: 'home', session_colour: 'blue' }
	);
	expect( unknown.status ).toBe( 400 );
	expect( unknown.body.code ).toBe( 'keystone_oidc_unsupported_setting' );
	expect( unknown.body.data.fields ).toEqual( [ 'session_colour' ] );
	const unchanged = await rest< { issuer_mode: string } >(
		page,
		site.url,
		'GET',
		'keystone-oidc/v1/settings'
	);
	expect( unchanged.body.issuer_mode ).toBe( 'legacy' );

	// Switched in the screen to the home URL, then back through the API.
	await page.getByRole( 'radio', { name: /^Home URL:/ } ).check();
	await page.getByRole( 'button', { name: 'Change Issuer' } ).click();
	await page
		.getByRole( 'dialog' )
		.getByRole( 'button', { name: 'Change Issuer' } )
		.click();
	await expect( page.locator( '#keystone-oidc-app' ) ).toContainText(
		'Issuer changed.'
	);
	const home = await page.request.get(
		`${ site.url }/.well-known/openid-configuration`
	);
	expect( ( ( await home.json() ) as { issuer: string } ).issuer ).toBe(
		site.url
	);
	const back = await rest< { issuer_mode: string; issuer: string } >(
		page,
		site.url,
		'PUT',
		'keystone-oidc/v1/settings',
		{ issuer_mode: 'legacy' }
	);
	expect( back.status ).toBe( 200 );
	expect( back.body ).toMatchObject( {
		issuer_mode: 'legacy',
		issuer: v2.issuer,
	} );
	expectNoNewLogLines( logSizes );
} );

test( 'files copied over 2.3.1 (with an issuer set by hand) without a re-activation, upgrade interrupted half-way: the next request finishes it', async ( {
	page,
} ) => {
	test.setTimeout( 180_000 );
	const second = await startSite( `upgrade-2x-copy-${ process.pid }`, [
		'--no-plugin',
		'--test-plugins',
	] );
	try {
		// 2.3.1 installed and used through its own classes.
		wp( second.dir, [ 'plugin', 'install', V2_ZIP, '--activate' ] );
		const made = JSON.parse(
			wp( second.dir, [
				'eval',
				`update_option( 'keystone_oidc_issuer', '${ CUSTOM_ISSUER }/' );
				$c = KEYSTONE_OIDC_Client_Manager::create_client( 'Copied (2.x)', array( '${ CALLBACK }' ), 'openid profile' );
				$t = KEYSTONE_OIDC_Token_Manager::issue_tokens( $c['client_id'], 1, 'openid profile' );
				echo wp_json_encode( array( 'client' => $c, 'tokens' => $t ) );`,
			] ).trim()
		) as {
			client: { client_id: string; client_secret: string };
			tokens: TokenSet;
		};
		const client: V2Client = { name: 'Copied (2.x)', ...made.client };

		// The release's files copied over the 2.x ones, as an FTP upload does. Unpacked beside the
		// plugin and swapped in by renames, so no request the site serves meanwhile (a cron spawn)
		// finds half the files.
		const plugins = path.join( second.dir, 'wordpress/wp-content/plugins' );
		const plugin = path.join( plugins, 'keystone-oidc' );
		const unpacked = path.join( plugins, `.unpacked-${ process.pid }` );
		const old = path.join( plugins, `.replaced-${ process.pid }` );
		for ( const entry of readZip( readFileSync( release.path ) ) ) {
			const target = path.join( unpacked, entry.name );
			if ( entry.isDirectory ) {
				mkdirSync( target, { recursive: true } );
			} else {
				mkdirSync( path.dirname( target ), { recursive: true } );
				writeFileSync( target, entry.data );
			}
		}
		renameSync( plugin, old );
		renameSync( path.join( unpacked, 'keystone-oidc' ), plugin );
		rmSync( old, { recursive: true, force: true } );
		rmSync( unpacked, { recursive: true, force: true } );
		// An upgrade cut off after moving the tables aside and copying the clients, before the
		// tokens: run with plugins skipped, so nothing else of the upgrade happens meanwhile.
		wp( second.dir, [
			'eval',
			'--skip-plugins',
			`require WP_PLUGIN_DIR . '/keystone-oidc/includes/Autoloader.php';
			\\Keystone_OIDC\\Autoloader::register( WP_PLUGIN_DIR . '/keystone-oidc/includes' );
			update_option( \\Keystone_OIDC\\Storage\\Schema::VERSION_OPTION, \\Keystone_OIDC\\Upgrade\\From_V2::IN_PROGRESS, true );
			\\Keystone_OIDC\\Upgrade\\V2_Tables::move_aside();
			\\Keystone_OIDC\\Storage\\Schema::create_tables();
			\\Keystone_OIDC\\Upgrade\\V2_Client_Copy::run();`,
		] );
		const before = phpLogSizes( second.dir );

		await loginPageAt( page, second.url );
		const state = await siteState( page, second.url );
		expect( state.schema ).toBe( '6' );
		expect( state.tables ).toMatchObject( {
			oidc_clients: 1,
			oidc_tokens: 2,
		} );
		expect(
			state.all_tables.filter( ( name ) => name.includes( 'oidc_v2_' ) )
		).toEqual( [] );
		expect(
			state.options.map( ( option ) => option.option_name )
		).not.toContain( 'keystone_oidc_private_key' );

		// Run again on a finished upgrade: nothing changes.
		expect(
			wp( second.dir, [
				'eval',
				'var_export( \\Keystone_OIDC\\Upgrade\\From_V2::run() );',
			] ).trim()
		).toBe( 'true' );
		expect( await siteState( page, second.url ) ).toEqual( state );

		const token = `${ second.url }/${ BASE }/oauth/token`;
		expect(
			await tokenRequest(
				page.request,
				token,
				client,
				{
					grant_type: 'refresh_token',
					refresh_token: made.tokens.refresh_token,
				},
				'not-the-secret'
			)
		).toMatchObject( { status: 401, body: { error: 'invalid_client' } } );
		const refreshed = await tokenRequest( page.request, token, client, {
			grant_type: 'refresh_token',
			refresh_token: made.tokens.refresh_token,
		} );
		expect( refreshed.status, JSON.stringify( refreshed.body ) ).toBe(
			200
		);
		// The issuer the 2.x admin set is kept, without its trailing slash, as 2.x used it.
		const discovery = await page.request.get(
			`${ second.url }/${ BASE }/.well-known/openid-configuration`
		);
		expect(
			( ( await discovery.json() ) as { issuer: string } ).issuer
		).toBe( CUSTOM_ISSUER );
		await verifyTokensOfV2Grant(
			refreshed.body,
			second.url,
			CUSTOM_ISSUER,
			client.client_id
		);
		const userinfo = await page.request.get(
			`${ second.url }/${ BASE }/oauth/userinfo`,
			{
				headers: {
					Authorization: `Bearer ${ made.tokens.access_token }`,
				},
			}
		);
		expect( userinfo.status() ).toBe( 200 );
		expectNoNewLogLines( before );
	} finally {
		await second.stop();
	}
} );
