/**
 * Tools → Site Health: the plugin's tests as WordPress runs them. Async tests through core's Site
 * Health REST routes (`wp-site-health/v1/tests/keystone-oidc-…`), direct tests on the Site Health
 * screen in Chromium, each in the test site's own situation and in a failing one provoked for real
 * (plain permalinks, a discovery URL the server does not serve, an overdue cleanup event, a missing
 * drop-in, an old key, unreachable back-channel targets); then the Info tab's section.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from '../support/test';
import { baseUrl, siteDir } from '../support/env';
import { createUser, restSession, type RestSession } from '../support/wp';
import {
	createClient,
	deleteClient,
	settings as readSettings,
} from '../protocol/support/provider';
import { expectAccessible, signedInBrowser } from './support';

// Every test changes the whole site (permalinks, cron, the drop-in): one at a time.
test.describe.configure( { mode: 'serial' } );

type Status = 'good' | 'recommended' | 'critical';

interface HealthResult {
	label: string;
	status: Status;
	badge: { label: string; color: string };
	description: string;
	actions: string;
	test: string;
}

const DAY = 86_400;

let admin: RestSession;

test.beforeAll( async () => {
	admin = await restSession();
} );

test.afterAll( async () => {
	await admin.dispose();
} );

/**
 * A REST call that works whatever the permalinks: `?rest_route=` is answered with plain ones too.
 */
function plainRestUrl( route: string ): string {
	return `${ baseUrl() }/?rest_route=${ encodeURIComponent( route ) }`;
}

async function support(
	route: string,
	data: Record< string, unknown >
): Promise< void > {
	const response = await admin.request.post(
		plainRestUrl( `/keystone-test/v1/health/${ route }` ),
		{ headers: { 'X-WP-Nonce': admin.nonce }, data }
	);
	expect( response.status(), await response.text() ).toBe( 200 );
}

async function asyncTest(
	slug: string,
	session: RestSession = admin
): Promise< HealthResult > {
	const response = await session.request.get(
		plainRestUrl( `/wp-site-health/v1/tests/keystone-oidc-${ slug }` ),
		{ headers: { 'X-WP-Nonce': session.nonce } }
	);
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( await response.json() ) as HealthResult;
}

/**
 * Opens Tools → Site Health and waits until every test, async ones included, has answered.
 */
async function openSiteHealth(
	context: BrowserContext,
	headers: Record< string, string > = {}
): Promise< Page > {
	const page = await context.newPage();
	await page.setExtraHTTPHeaders( headers );
	await page.goto( `${ baseUrl() }/wp-admin/site-health.php` );
	await expect(
		page.locator( '.site-health-progress-wrapper' )
	).not.toHaveClass( /loading/, { timeout: 60_000 } );
	// The passed tests are folded away until asked for.
	await page.locator( '.site-health-view-passed' ).click();
	await expect( page.locator( '#health-check-issues-good' ) ).toBeVisible();
	return page;
}

/** The list a test's result was put in on the screen. */
async function statusOnScreen( page: Page, id: string ): Promise< Status > {
	for ( const status of [ 'good', 'recommended', 'critical' ] as const ) {
		const found = page.locator(
			`#health-check-issues-${ status } [aria-controls="health-check-accordion-block-${ id }"]`
		);
		if ( ( await found.count() ) > 0 ) {
			return status;
		}
	}
	throw new Error( `${ id } is not on the Site Health screen` );
}

async function panelText( page: Page, id: string ): Promise< string > {
	const trigger = page.locator(
		`[aria-controls="health-check-accordion-block-${ id }"]`
	);
	if ( ( await trigger.getAttribute( 'aria-expanded' ) ) !== 'true' ) {
		await trigger.click();
	}
	const panel = page.locator( `#health-check-accordion-block-${ id }` );
	await expect( panel ).toBeVisible();
	return ( await trigger.innerText() ) + '\n' + ( await panel.innerText() );
}

function dropinPath(): string | null {
	const dir = siteDir();
	return dir ? path.join( dir, 'wordpress/wp-content/db-error.php' ) : null;
}

test( 'the async tests answer through core’s Site Health REST routes, for administrators only', async () => {
	const endpoints = await asyncTest( 'endpoints' );
	expect( endpoints ).toMatchObject( {
		test: 'keystone_oidc_endpoints',
		status: 'good',
		label: 'The OpenID Connect endpoints answer',
	} );
	expect( endpoints.description ).toContain(
		'/.well-known/openid-configuration'
	);

	const unknown = await admin.request.get(
		plainRestUrl( '/wp-site-health/v1/tests/keystone-oidc-no-such-test' ),
		{ headers: { 'X-WP-Nonce': admin.nonce } }
	);
	expect( unknown.status() ).toBe( 404 );
	expect( ( await unknown.json() ).code ).toBe(
		'keystone_oidc_unknown_health_test'
	);

	const subscriber = await createUser( 'subscriber' );
	const session = await restSession(
		subscriber.username,
		subscriber.password
	);
	const refused = await session.request.get(
		plainRestUrl( '/wp-site-health/v1/tests/keystone-oidc-endpoints' ),
		{ headers: { 'X-WP-Nonce': session.nonce } }
	);
	expect( refused.status() ).toBe( 403 );
	expect( ( await refused.json() ).code ).toBe( 'rest_forbidden' );
	await session.dispose();
} );

test( 'plain permalinks are a recommendation; a discovery URL the server does not serve is critical', async () => {
	await support( 'permalinks', { structure: '' } );
	try {
		const plain = await asyncTest( 'endpoints' );
		expect( plain ).toMatchObject( {
			status: 'recommended',
			label: 'Pretty permalinks are off',
		} );
		expect( plain.actions ).toContain( 'options-permalink.php' );
	} finally {
		await support( 'permalinks', { structure: '/%postname%/' } );
	}

	await support( 'discovery-status', { status: 404 } );
	try {
		const unreachable = await asyncTest( 'endpoints' );
		expect( unreachable ).toMatchObject( {
			status: 'critical',
			label: 'Relying parties cannot reach the OpenID Connect endpoints',
		} );
		expect( unreachable.description ).toContain(
			'the server answered HTTP 404 instead of the discovery document'
		);
	} finally {
		await support( 'discovery-status', { status: 0 } );
	}
	expect( ( await asyncTest( 'endpoints' ) ).status ).toBe( 'good' );
} );

test( 'back-channel logout targets: reachable, blocked (not checked, never "down"), unreachable', async () => {
	const receiver: Server = createServer( ( _request, response ) => {
		response.writeHead( 404 ).end();
	} );
	await new Promise< void >( ( resolve ) =>
		receiver.listen( 0, '127.0.0.1', resolve )
	);
	const port = ( receiver.address() as AddressInfo ).port;
	// A port nothing listens on: taken, then given back.
	const closed = createServer();
	await new Promise< void >( ( resolve ) =>
		closed.listen( 0, '127.0.0.1', resolve )
	);
	const closedPort = ( closed.address() as AddressInfo ).port;
	await new Promise( ( resolve ) => closed.close( resolve ) );

	const reachable = await createClient( {
		name: 'Health BC reachable',
		backchannel_logout_uri: `http://127.0.0.1:${ port }/bc`,
	} );
	// The suite's site blocks outgoing requests (WP_HTTP_BLOCK_EXTERNAL).
	const blocked = await createClient( {
		name: 'Health BC blocked',
		backchannel_logout_uri: 'https://rp.example.test/logout',
	} );
	const created = [ reachable.client_id, blocked.client_id ];
	try {
		const fine = await asyncTest( 'backchannel-logout' );
		expect( fine.status ).toBe( 'good' );
		expect( fine.label ).toBe(
			'No back-channel logout target was found unreachable'
		);
		expect( fine.description ).toContain(
			`http://127.0.0.1:${ port } (Health BC reachable`
		);
		expect( fine.description ).toContain( 'Not checked' );
		expect( fine.description ).toContain(
			'https://rp.example.test (Health BC blocked'
		);
		expect( fine.description ).not.toContain( 'Not reachable' );

		const down = await createClient( {
			name: 'Health BC down',
			backchannel_logout_uri: `http://127.0.0.1:${ closedPort }/bc`,
		} );
		created.push( down.client_id );
		const failing = await asyncTest( 'backchannel-logout' );
		expect( failing ).toMatchObject( {
			status: 'recommended',
			label: 'Some back-channel logout targets cannot be reached',
		} );
		const [ unreachableList ] = (
			failing.description.split( 'Not reachable:' )[ 1 ] ?? ''
		).split( '</ul>' );
		expect( unreachableList ).toContain(
			`http://127.0.0.1:${ closedPort } (Health BC down`
		);
		expect( unreachableList ).not.toContain( 'Health BC blocked' );
	} finally {
		for ( const clientId of created ) {
			await deleteClient( clientId );
		}
		await new Promise( ( resolve ) => receiver.close( resolve ) );
	}
} );

test( 'the Site Health screen shows every test in the test site’s situation, accessibly', async ( {
	browser,
} ) => {
	const context = await signedInBrowser( browser );
	const page = await openSiteHealth( context );
	const expected: Record< string, Status > = {
		keystone_oidc_signing_keys: 'good',
		keystone_oidc_endpoints: 'good',
		// The suite's site is http://127.0.0.1: no HTTPS, in a "local" environment.
		keystone_oidc_https: 'recommended',
		keystone_oidc_salts: 'good',
		keystone_oidc_openssl: 'good',
		keystone_oidc_key_age: 'good',
		keystone_oidc_cleanup_cron: 'good',
		keystone_oidc_backchannel_logout: 'good',
		keystone_oidc_database_error_dropin: 'good',
		// No object-cache.php drop-in on the suite's site.
		keystone_oidc_object_cache: 'recommended',
	};
	for ( const [ id, status ] of Object.entries( expected ) ) {
		expect( await statusOnScreen( page, id ), id ).toBe( status );
	}
	expect( await panelText( page, 'keystone_oidc_https' ) ).toContain(
		'The OpenID Connect issuer does not use HTTPS'
	);
	expect( await panelText( page, 'keystone_oidc_salts' ) ).toContain(
		'AUTH_KEY and AUTH_SALT'
	);
	expect( await panelText( page, 'keystone_oidc_openssl' ) ).toContain(
		'Available: RS256, ES256, PS256.'
	);
	const cron = await panelText( page, 'keystone_oidc_cleanup_cron' );
	expect( cron ).toContain( 'is next due at' );
	expect( cron ).toContain( 'Performance' );
	expect( await panelText( page, 'keystone_oidc_key_age' ) ).toContain(
		'Security'
	);
	for ( const id of Object.keys( expected ) ) {
		await panelText( page, id );
	}
	// The plugin's part of the screen: its results, opened.
	await expectAccessible(
		page,
		Object.keys( expected ).map(
			( id ) => `#health-check-accordion-block-${ id }`
		)
	);
	await context.close();
} );

test( 'an old key, an overdue cleanup and a missing drop-in are each reported with their fix', async ( {
	browser,
} ) => {
	const dropin = dropinPath();
	test.skip(
		! dropin || ! existsSync( dropin ),
		'needs the suite’s own site, whose wp-content this test edits'
	);
	const original = readFileSync( dropin as string, 'utf8' );
	const context = await signedInBrowser( browser );
	await support( 'cleanup-event', {
		due: Math.floor( Date.now() / 1000 ) - 3 * 3600,
	} );
	rmSync( dropin as string );
	try {
		// The provider's clock 200 days ahead, for the screen's request only: its keys look old.
		const page = await openSiteHealth( context, {
			'X-Keystone-Test-Clock-Offset': String( 200 * DAY ),
		} );
		expect( await statusOnScreen( page, 'keystone_oidc_key_age' ) ).toBe(
			'recommended'
		);
		const keyAge = await panelText( page, 'keystone_oidc_key_age' );
		expect( keyAge ).toMatch( /The signing keys are 2\d\d days old/ );
		expect( keyAge ).toContain( 'Rotate the keys in Settings' );
		expect(
			await page
				.locator(
					'#health-check-accordion-block-keystone_oidc_key_age a'
				)
				.getAttribute( 'href' )
		).toContain( 'page=keystone-oidc-settings' );

		expect(
			await statusOnScreen( page, 'keystone_oidc_cleanup_cron' )
		).toBe( 'recommended' );
		expect(
			await panelText( page, 'keystone_oidc_cleanup_cron' )
		).toContain( 'The OpenID Connect cleanup is overdue' );

		expect(
			await statusOnScreen( page, 'keystone_oidc_database_error_dropin' )
		).toBe( 'recommended' );
		expect(
			await panelText( page, 'keystone_oidc_database_error_dropin' )
		).toContain( 'The database-error drop-in is missing' );
	} finally {
		writeFileSync( dropin as string, original );
		await support( 'cleanup-event', {} );
	}
	const page = await openSiteHealth( context );
	for ( const id of [
		'keystone_oidc_key_age',
		'keystone_oidc_cleanup_cron',
		'keystone_oidc_database_error_dropin',
	] ) {
		expect( await statusOnScreen( page, id ), id ).toBe( 'good' );
	}
	await context.close();
} );

test( 'the Info tab has a Keystone OIDC section with the configuration and no secrets', async ( {
	browser,
} ) => {
	const current = await readSettings();
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	await page.goto( `${ baseUrl() }/wp-admin/site-health.php?tab=debug` );
	const trigger = page.locator(
		'[aria-controls="health-check-accordion-block-keystone-oidc"]'
	);
	await expect( trigger ).toContainText( 'Keystone OIDC' );
	await trigger.click();
	const section = page.locator(
		'#health-check-accordion-block-keystone-oidc'
	);
	await expect( section ).toBeVisible();
	const text = await section.innerText();
	expect( text ).toContain( current.issuer );
	expect( text ).toContain( current.kid );
	expect( text ).toContain( current.version );
	for ( const label of [
		'Issuer mode',
		'Database schema version',
		'Endpoints',
		'Signing keys',
		'Lifetimes (seconds)',
		'Clients',
		'Cleanup next run',
		'Persistent object cache',
		'Database-error drop-in',
		'dynamic_registration',
	] ) {
		expect( text, label ).toContain( label );
	}
	expect( text ).toMatch( /access: 3600/ );
	expect( text ).not.toMatch( /PRIVATE KEY|client_secret|secret_hash/ );
	await expectAccessible( page, [
		'#health-check-accordion-block-keystone-oidc',
	] );
	await context.close();
} );
