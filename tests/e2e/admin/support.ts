/**
 * What the admin screen specs share: an administrator's browser, the screens' URLs, the
 * screenshot each test leaves behind, and the accessibility check every screen must pass.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type {
	APIRequestContext,
	Browser,
	BrowserContext,
	Page,
} from '@playwright/test';
import { expect } from '../support/test';
import { baseUrl, admin } from '../support/env';
import { loginRequest, sharedAdmin } from '../support/wp';
import { raw } from '../protocol/support/http';

export const screenshotDir = path.resolve(
	__dirname,
	'../../../artifacts/screenshots'
);

export function screenUrl(
	page:
		| 'keystone-oidc'
		| 'keystone-oidc-new'
		| 'keystone-oidc-settings'
		| 'keystone-oidc-claims'
		| 'keystone-oidc-activity',
	params: Record< string, string > = {}
): string {
	const query = new URLSearchParams( { page, ...params } );
	return `${ baseUrl() }/wp-admin/admin.php?${ query.toString() }`;
}

type StorageState = Awaited<
	ReturnType< APIRequestContext[ 'storageState' ] >
>;

const signIns = new Map< string, Promise< StorageState > >();

/**
 * Signs in once and checks the session is there: the administrator never signs in here (one
 * shared sign-in per run), and every other user belongs to one worker, so no login races another.
 */
async function signIn(
	username: string,
	password: string
): Promise< StorageState > {
	const request = await loginRequest( username, password );
	// Answers a REST nonce only to a signed-in user (a bare "0" otherwise).
	const check = await request.get(
		'/wp-admin/admin-ajax.php?action=rest-nonce'
	);
	expect( check.status() ).toBe( 200 );
	expect(
		( await check.text() ).trim(),
		`${ username } is signed in`
	).not.toBe( '0' );
	const saved = await request.storageState();
	await request.dispose();
	return saved;
}

/** One sign-in per user per worker, reused by every test. */
function storageStateFor(
	username: string,
	password: string
): Promise< StorageState > {
	// The administrator is signed in once for the whole run (support/wp.ts, signInAdminOnce).
	const shared = username === admin.username ? sharedAdmin() : null;
	if ( shared ) {
		return Promise.resolve( shared.storageState );
	}
	// Per site too: a spec with a site of its own signs in there, not with another site's cookies.
	const key = `${ baseUrl() } ${ username }`;
	let state = signIns.get( key );
	if ( ! state ) {
		state = signIn( username, password );
		signIns.set( key, state );
	}
	return state;
}

/**
 * A browser context signed in as `username`, allowed to use the clipboard so copy buttons can
 * be checked by reading back what they copied.
 */
export async function signedInBrowser(
	browser: Browser,
	username = admin.username,
	password = admin.password
): Promise< BrowserContext > {
	const storageState = await storageStateFor( username, password );
	const context = await browser.newContext( {
		storageState,
		viewport: { width: 1280, height: 900 },
	} );
	await context.grantPermissions( [ 'clipboard-read', 'clipboard-write' ], {
		origin: baseUrl(),
	} );
	return context;
}

/**
 * Collects every script error and console error the screen produces. The admin bar's Gravatar
 * cannot load on a machine without internet; that request is WordPress's, not the plugin's.
 */
export function watchConsole( page: Page ): string[] {
	const errors: string[] = [];
	page.on( 'console', ( message ) => {
		if ( message.type() !== 'error' ) {
			return;
		}
		const url = message.location().url;
		if (
			url.startsWith( 'http' ) &&
			new URL( url ).host.endsWith( 'gravatar.com' )
		) {
			return;
		}
		errors.push( message.text() );
	} );
	page.on( 'pageerror', ( error ) => errors.push( error.message ) );
	return errors;
}

/**
 * Saves `artifacts/screenshots/<name>.png`: the whole page, or only the viewport when a modal is
 * open (a full-page capture would cut the fixed overlay apart).
 */
export async function screenshot(
	page: Page,
	name: string,
	{ fullPage = true }: { fullPage?: boolean } = {}
): Promise< void > {
	mkdirSync( screenshotDir, { recursive: true } );
	await page.screenshot( {
		path: path.join( screenshotDir, `${ name }.png` ),
		fullPage,
	} );
}

/**
 * No serious or critical axe-core violation in the plugin's own markup: the app's mount point and,
 * when one is open, a modal (rendered outside it). WordPress's own admin chrome is not ours.
 */
export async function expectAccessible(
	page: Page,
	include: string[] = [ '#keystone-oidc-app' ]
): Promise< void > {
	let builder = new AxeBuilder( { page } ).withTags( [
		'wcag2a',
		'wcag2aa',
		'wcag21a',
		'wcag21aa',
		'best-practice',
	] );
	for ( const selector of include ) {
		builder = builder.include( selector );
	}
	const results = await builder.analyze();
	const serious = results.violations
		.filter(
			( violation ) =>
				violation.impact === 'serious' ||
				violation.impact === 'critical'
		)
		.map( ( violation ) => ( {
			id: violation.id,
			impact: violation.impact,
			help: violation.help,
			targets: violation.nodes.map( ( node ) => node.target.join( ' ' ) ),
		} ) );
	expect( serious ).toEqual( [] );
}

export async function clipboardText( page: Page ): Promise< string > {
	return page.evaluate( () => navigator.clipboard.readText() );
}

/**
 * Whether the token endpoint accepts these client credentials. A made-up code keeps anything
 * from being issued: a known client with the right secret gets `invalid_grant`, a wrong secret
 * `invalid_client`.
 */
export async function clientAuthenticates(
	clientId: string,
	secret: string
): Promise< boolean > {
	const response = await raw( 'token', {
		form: {
			grant_type: 'authorization_code',
			code: 'not-a-real-code',
			redirect_uri: 'https://app.example.test/callback',
		},
		basic: { id: clientId, secret },
	} );
	if ( response.json.error === 'invalid_client' ) {
		return false;
	}
	expect( response.json.error, response.text ).toBe( 'invalid_grant' );
	return true;
}

export function uniqueName( label: string ): string {
	return `${ label } ${ Math.random().toString( 36 ).slice( 2, 8 ) }`;
}
