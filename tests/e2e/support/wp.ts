/**
 * Signs in to WordPress over plain HTTP and talks to its REST API the way the admin screens do:
 * the login cookie plus an `X-WP-Nonce`.
 */
import { randomBytes } from 'node:crypto';
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

export async function restSession(
	username = admin.username,
	password = admin.password
): Promise< RestSession > {
	const request = await loginRequest( username, password );
	const nonceResponse = await request.get(
		`${ siteUrl() }/wp-admin/admin-ajax.php?action=rest-nonce`
	);
	const nonce = ( await nonceResponse.text() ).trim();
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
export async function loginPage(
	page: Page,
	username = admin.username,
	password = admin.password
): Promise< void > {
	await page.goto( `${ siteUrl() }/wp-login.php` );
	await page.locator( '#user_login' ).fill( username );
	await page.locator( '#user_pass' ).fill( password );
	await Promise.all( [
		page.waitForURL(
			( url ) => ! url.pathname.endsWith( '/wp-login.php' )
		),
		page.locator( '#wp-submit' ).click(),
	] );
}
