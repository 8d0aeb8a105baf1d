/**
 * Signs in to WordPress over plain HTTP and talks to its REST API the way the admin screens do:
 * the login cookie plus an `X-WP-Nonce`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
	expect,
	request as playwrightRequest,
	type APIRequestContext,
	type APIResponse,
	type Page,
} from '@playwright/test';
import { admin, baseUrl, restUrl, siteUrl } from './env';

export interface WpUser {
	id: number;
	username: string;
	password: string;
	email: string;
}

export interface RestSession {
	request: APIRequestContext;
	nonce: string;
	get: ( route: string ) => Promise< APIResponse >;
	post: ( route: string, data?: unknown ) => Promise< APIResponse >;
	put: ( route: string, data?: unknown ) => Promise< APIResponse >;
	patch: ( route: string, data?: unknown ) => Promise< APIResponse >;
	delete: ( route: string ) => Promise< APIResponse >;
	dispose: () => Promise< void >;
}

export async function loginRequest(
	username: string,
	password: string
): Promise< APIRequestContext > {
	const request = await playwrightRequest.newContext( {
		baseURL: baseUrl(),
	} );
	await request.get( `${ siteUrl() }/wp-login.php` );
	const response = await request.post( `${ siteUrl() }/wp-login.php`, {
		form: {
			log: username,
			pwd: password,
			'wp-submit': 'Log In',
			testcookie: '1',
		},
		headers: { Cookie: 'wordpress_test_cookie=WP%20Cookie%20check' },
		maxRedirects: 0,
	} );
	expect( response.status(), 'login redirects on success' ).toBe( 302 );
	return request;
}

type StorageState = Awaited<
	ReturnType< APIRequestContext[ 'storageState' ] >
>;

interface SharedAdmin {
	site: string;
	storageState: StorageState;
	nonce: string;
}

/**
 * Signs the administrator in once for the whole run (global setup) and saves the cookies and REST
 * nonce to `file` (KEYSTONE_ADMIN_STATE). Why: WordPress keeps a user's sessions in one user-meta
 * value that every login reads and rewrites, so two workers signing the administrator in at the
 * same moment drop one session, whose cookie then fails (rest_cookie_invalid_nonce). With one
 * sign-in before any worker starts, no worker ever signs the administrator in, and no retry is needed.
 */
export async function signInAdminOnce( file: string ): Promise< void > {
	const request = await loginRequest( admin.username, admin.password );
	const nonce = (
		await (
			await request.get(
				`${ siteUrl() }/wp-admin/admin-ajax.php?action=rest-nonce`
			)
		).text()
	).trim();
	expect( nonce, 'the administrator is signed in' ).not.toBe( '0' );
	const shared: SharedAdmin = {
		site: baseUrl(),
		storageState: await request.storageState(),
		nonce,
	};
	await request.dispose();
	writeFileSync( file, JSON.stringify( shared ) );
}

/** The run's administrator sign-in, when global setup made one for the site under test. */
export function sharedAdmin(): SharedAdmin | null {
	const file = process.env.KEYSTONE_ADMIN_STATE;
	if ( ! file || ! existsSync( file ) ) {
		return null;
	}
	const shared = JSON.parse( readFileSync( file, 'utf8' ) ) as SharedAdmin;
	return shared.site === baseUrl() ? shared : null;
}

/**
 * The administrator's REST session is the run's shared sign-in (see `signInAdminOnce`); any other
 * user, or a site of a spec's own, signs in here.
 */
export async function restSession(
	username = admin.username,
	password = admin.password
): Promise< RestSession > {
	const shared = username === admin.username ? sharedAdmin() : null;
	const request = shared
		? await playwrightRequest.newContext( {
				baseURL: baseUrl(),
				storageState: shared.storageState,
		  } )
		: await loginRequest( username, password );
	const nonce = shared
		? shared.nonce
		: (
				await (
					await request.get(
						`${ siteUrl() }/wp-admin/admin-ajax.php?action=rest-nonce`
					)
				).text()
		  ).trim();
	const headers = { 'X-WP-Nonce': nonce };
	const url = restUrl;
	return {
		request,
		nonce,
		get: ( route ) => request.get( url( route ), { headers } ),
		post: ( route, data ) =>
			request.post( url( route ), { headers, data: data ?? {} } ),
		put: ( route, data ) =>
			request.put( url( route ), { headers, data: data ?? {} } ),
		patch: ( route, data ) =>
			request.patch( url( route ), { headers, data: data ?? {} } ),
		delete: ( route ) => request.delete( url( route ), { headers } ),
		dispose: () => request.dispose(),
	};
}

/**
 * Creates a user with the given role through the core REST API, as the admin.
 */
export async function createUser(
	role: string,
	fields: Record< string, string > = {}
): Promise< WpUser > {
	const session = await restSession();
	const suffix = randomBytes( 4 ).toString( 'hex' );
	const username = `${ role }-${ suffix }`;
	const password = `pw-${ randomBytes( 12 ).toString( 'hex' ) }`;
	const email = `${ username }@example.test`;
	const response = await session.post( 'wp/v2/users', {
		username,
		password,
		email,
		roles: [ role ],
		...fields,
	} );
	expect( response.status(), await response.text() ).toBe( 201 );
	const body = ( await response.json() ) as { id: number };
	await session.dispose();
	return { id: body.id, username, password, email };
}

/**
 * Signs a browser page in through the WordPress login form.
 */
export function loginPage(
	page: Page,
	username = admin.username,
	password = admin.password
): Promise< void > {
	return loginPageAt( page, siteUrl(), username, password );
}

/**
 * Signs a browser page in through the login form of the WordPress at `site` (a site a spec booted
 * for itself), as the administrator unless told otherwise.
 */
export async function loginPageAt(
	page: Page,
	site: string,
	username = admin.username,
	password = admin.password
): Promise< void > {
	await page.goto( `${ site }/wp-login.php` );
	await page.locator( '#user_login' ).fill( username );
	await page.locator( '#user_pass' ).fill( password );
	await Promise.all( [
		page.waitForURL(
			( url ) => ! url.pathname.endsWith( '/wp-login.php' )
		),
		page.locator( '#wp-submit' ).click(),
	] );
}
