/**
 * Translations: a test translation (de_DE) made from the build's template
 * (languages/keystone-oidc.pot, bin/make-pot.sh) with WP-CLI's `wp i18n make-mo` and
 * `wp i18n make-json`, installed where WordPress looks (wp-content/languages/plugins), shows on
 * the consent page and an admin screen, in their PHP and in their React parts. The site language
 * and the installed files are put back afterwards.
 */
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../protocol/support/fixtures';
import { client, discover } from '../protocol/support/flow';
import { createClient } from '../protocol/support/provider';
import { wp } from '../cli/support';
import { repoRoot } from '../support/site';
import { siteDir } from '../support/env';
import { screenUrl, signedInBrowser, watchConsole } from '../admin/support';

// Both tests share the installed translation and the switched site language.
test.describe.configure( { mode: 'serial' } );

const LOCALE = 'de_DE';
const TEMPLATE = path.join( repoRoot, 'languages/keystone-oidc.pot' );

/** English → German, for strings of the consent page and the Clients screen. */
const GERMAN: Record< string, string > = {
	'Sign in to %s': 'Bei %s anmelden',
	'%s wants to sign you in': '%s möchte Sie anmelden',
	'It will be able to:': 'Die Anwendung darf:',
	Allow: 'Erlauben',
	Deny: 'Ablehnen',
	'OIDC Provider': 'OIDC-Anbieter',
	Clients: 'Anwendungen',
	'Search clients': 'Anwendungen durchsuchen',
};

function languagesDir(): string {
	const dir = siteDir();
	if ( ! dir ) {
		throw new Error(
			'KEYSTONE_SITE_DIR is unset: this spec installs a translation into the suite’s own site.'
		);
	}
	return path.join( dir, 'wordpress/wp-content/languages/plugins' );
}

function cli( args: string[] ): string {
	const result = wp( args );
	expect(
		result.status,
		`wp ${ args.join( ' ' ) }\n${ result.stderr }`
	).toBe( 0 );
	return result.stdout;
}

/**
 * A .po for the test locale: the template's header and, of its entries, those `GERMAN`
 * translates, with their references (which tell `make-json` the script each string is in).
 */
function testPo(): string {
	const entries = readFileSync( TEMPLATE, 'utf8' ).split( /\n\n+/ );
	const [ , ...rest ] = entries;
	const translated = rest.flatMap( ( entry ) => {
		const msgid = /^msgid "(.*)"$/m.exec( entry )?.[ 1 ];
		if ( msgid === undefined || /^msgctxt /m.test( entry ) ) {
			return [];
		}
		const german = GERMAN[ msgid.replace( /\\"/g, '"' ) ];
		return german === undefined
			? []
			: [ entry.replace( /^msgstr ""$/m, `msgstr "${ german }"` ) ];
	} );
	expect( translated ).toHaveLength( Object.keys( GERMAN ).length );
	return [ poHeader(), ...translated ].join( '\n\n' );
}

function poHeader(): string {
	return [
		'msgid ""',
		'msgstr ""',
		'"Content-Type: text/plain; charset=UTF-8\\n"',
		`"Language: ${ LOCALE }\\n"`,
		'"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
	].join( '\n' );
}

let installed: string[] = [];
let languageBefore: string | null = null;

test.beforeAll( () => {
	expect(
		existsSync( TEMPLATE ),
		`${ TEMPLATE } is missing: it is written at build time (npm run build, bin/make-pot.sh).`
	).toBe( true );
	const work = mkdtempSync( path.join( tmpdir(), 'keystone-i18n-' ) );
	try {
		const po = path.join( work, `keystone-oidc-${ LOCALE }.po` );
		writeFileSync( po, testPo() );
		const out = path.join( work, 'out' );
		mkdirSync( out );
		cli( [ 'i18n', 'make-mo', po, out ] );
		cli( [ 'i18n', 'make-json', po, out, '--no-purge' ] );
		const made = readdirSync( out );
		// The PHP strings, and one file per script with strings translated (consent, admin-clients).
		expect( made ).toContain( `keystone-oidc-${ LOCALE }.mo` );
		expect(
			made.filter( ( file ) => file.endsWith( '.json' ) ).length
		).toBeGreaterThanOrEqual( 2 );
		// WordPress takes a site language only when it is installed: a core file for the
		// locale must exist. An empty one will do; core's own strings stay in English.
		const core = path.join( work, `${ LOCALE }.po` );
		writeFileSync( core, `${ poHeader() }\n` );
		cli( [ 'i18n', 'make-mo', core, out ] );
		const target = languagesDir();
		mkdirSync( target, { recursive: true } );
		const coreMo = path.join( path.dirname( target ), `${ LOCALE }.mo` );
		if ( ! existsSync( coreMo ) ) {
			writeFileSync(
				coreMo,
				readFileSync( path.join( out, `${ LOCALE }.mo` ) )
			);
			installed.push( coreMo );
		}
		rmSync( path.join( out, `${ LOCALE }.mo` ) );
		for ( const file of made ) {
			writeFileSync(
				path.join( target, file ),
				readFileSync( path.join( out, file ) )
			);
			installed.push( path.join( target, file ) );
		}
	} finally {
		rmSync( work, { recursive: true, force: true } );
	}
	const before = wp( [ 'option', 'get', 'WPLANG' ] );
	languageBefore = before.status === 0 ? before.stdout.trim() : null;
	cli( [ 'option', 'update', 'WPLANG', LOCALE ] );
} );

test.afterAll( () => {
	if ( languageBefore === null ) {
		cli( [ 'option', 'delete', 'WPLANG' ] );
	} else {
		cli( [ 'option', 'update', 'WPLANG', languageBefore ] );
	}
	for ( const file of installed ) {
		rmSync( file, { force: true } );
	}
	installed = [];
} );

/** The React app has replaced the server-rendered form: its buttons are @wordpress/components. */
async function expectScriptRendered(
	page: Page,
	name: string
): Promise< void > {
	await expect(
		page.locator( 'button.components-button', { hasText: name } )
	).toBeVisible();
}

test( 'the consent page is translated, in its PHP and in its script', async ( {
	signedIn,
} ) => {
	const testClient = await createClient( { name: 'Übersetzt' } );
	const config = await discover( testClient );
	const url = client.buildAuthorizationUrl( config, {
		redirect_uri: testClient.redirectUri,
		scope: 'openid profile',
		state: client.randomState(),
		code_challenge: await client.calculatePKCECodeChallenge(
			client.randomPKCECodeVerifier()
		),
		code_challenge_method: 'S256',
	} );
	const page = await signedIn.newPage();
	const consoleErrors = watchConsole( page );
	await page.goto( url.href );
	await expect( page ).toHaveTitle( 'Bei Übersetzt anmelden' );
	await expect( page.locator( 'html' ) ).toHaveAttribute( 'lang', 'de-DE' );
	await expectScriptRendered( page, 'Erlauben' );
	await expectScriptRendered( page, 'Ablehnen' );
	await expect(
		page.getByRole( 'heading', { name: 'Übersetzt möchte Sie anmelden' } )
	).toBeVisible();
	await expect( page.getByText( 'Die Anwendung darf:' ) ).toBeVisible();
	await expect(
		page.getByRole( 'button', { name: 'Allow', exact: true } )
	).toHaveCount( 0 );
	expect( consoleErrors ).toEqual( [] );
	await page.close();
} );

test( 'an admin screen is translated, in its menu and in its React app', async ( {
	browser,
} ) => {
	// The search shows above a list that has clients.
	await createClient();
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	const consoleErrors = watchConsole( page );
	await page.goto( screenUrl( 'keystone-oidc' ) );
	// The menu comes from PHP (.mo), the screen from its script (.json).
	await expect(
		page.locator( '#adminmenu a.menu-top', { hasText: 'OIDC-Anbieter' } )
	).toBeVisible();
	const app = page.locator( '#keystone-oidc-app' );
	await expect(
		app.getByRole( 'heading', { name: 'Anwendungen', level: 1 } )
	).toBeVisible();
	await expect(
		app.getByRole( 'searchbox', { name: 'Anwendungen durchsuchen' } )
	).toBeVisible();
	expect( consoleErrors ).toEqual( [] );
	await context.close();
} );
