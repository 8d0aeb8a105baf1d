/**
 * A multisite network of a spec's own (`bin/network-site.sh`): WP-CLI on it, SQL on its database,
 * sign-in and the admin REST API of any of its sites, and the authorization code flow by HTTP.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
	expect,
	request as playwrightRequest,
	type APIRequestContext,
	type APIResponse,
} from '@playwright/test';
import { startSite, type RunningSite } from '../../e2e/support/site';

export interface Network extends RunningSite {
	/** Runs WP-CLI on the network and returns what it printed. */
	wp: ( ...args: string[] ) => string;
	/** Runs SQL on the network's database; one array of columns per row. */
	sql: ( query: string ) => string[][];
}

export async function startNetwork(
	name: string,
	options: string[] = []
): Promise< Network > {
	const site = await startSite( name, options, 'bin/network-site.sh' );
	const wpLine = readFileSync( path.join( site.dir, 'wp' ), 'utf8' );
	const wp = ( ...args: string[] ): string =>
		execFileSync( 'bash', [ '-c', `${ wpLine } "$@"`, 'wp', ...args ], {
			encoding: 'utf8',
			stdio: [ 'ignore', 'pipe', 'pipe' ],
		} )
			// WordPress 6.8's multisite code has PHP 8.2 deprecation notices WP-CLI prints.
			.split( '\n' )
			.filter( ( line ) => ! /^(PHP )?Deprecated:/.test( line.trim() ) )
			.join( '\n' )
			.trim();
	const sql = ( query: string ): string[][] =>
		execFileSync(
			'mariadb',
			[
				'--no-defaults',
				`--socket=${ path.join( site.dir, 'run/mysqld.sock' ) }`,
				'-uroot',
				'-N',
				'-B',
				'wordpress',
				'-e',
				query,
			],
			{ encoding: 'utf8' }
		)
			.split( '\n' )
			.filter( ( line ) => line !== '' )
			.map( ( line ) => line.split( '\t' ) );
	return { ...site, wp, sql };
}

/** The PHP log lines of the plugin's own code (WordPress 6.8's multisite code has notices on PHP 8.2). */
export function pluginLogLines( dir: string ): string[] {
	return [ 'debug.log', 'php-error.log' ].flatMap( ( file ) => {
		let text = '';
		try {
			text = readFileSync( path.join( dir, file ), 'utf8' );
		} catch {
			return [];
		}
		return text
			.split( '\n' )
			.filter( ( line ) => line.includes( 'keystone-oidc' ) );
	} );
}

export async function signedIn(
	site: string,
	username: string,
	password: string
): Promise< APIRequestContext > {
	const request = await playwrightRequest.newContext();
	await request.get( `${ site }/wp-login.php` );
	const response = await request.post( `${ site }/wp-login.php`, {
		form: {
			log: username,
			pwd: password,
			'wp-submit': 'Log In',
			testcookie: '1',
		},
		headers: { Cookie: 'wordpress_test_cookie=WP%20Cookie%20check' },
		maxRedirects: 0,
	} );
	expect( response.status(), `${ username } signs in` ).toBe( 302 );
	return request;
}

export interface SiteRest {
	get: ( route: string ) => Promise< APIResponse >;
	post: ( route: string, data: unknown ) => Promise< APIResponse >;
	put: ( route: string, data: unknown ) => Promise< APIResponse >;
	patch: ( route: string, data: unknown ) => Promise< APIResponse >;
}

/** The admin REST API of one site, as its screens call it: cookie plus that site's nonce. */
export async function restAt(
	request: APIRequestContext,
	site: string
): Promise< SiteRest > {
	const nonce = (
		await (
			await request.get(
				`${ site }/wp-admin/admin-ajax.php?action=rest-nonce`
			)
		).text()
	).trim();
	expect( nonce, `signed in at ${ site }` ).not.toBe( '0' );
	const headers = { 'X-WP-Nonce': nonce };
	const url = ( route: string ) =>
		`${ site }/wp-json/keystone-oidc/v1/${ route }`;
	return {
		get: ( route ) => request.get( url( route ), { headers } ),
		post: ( route, data ) =>
			request.post( url( route ), { headers, data } ),
		put: ( route, data ) => request.put( url( route ), { headers, data } ),
		patch: ( route, data ) =>
			request.patch( url( route ), { headers, data } ),
	};
}

export interface CliClient {
	client_id: string;
	client_secret: string;
}

export const REDIRECT_URI = 'https://rp.example.test/callback';

/** A confidential client of one site made with `wp oidc client create`, extra flags as given. */
export function cliClient(
	network: Network,
	site: string,
	...flags: string[]
): CliClient {
	return JSON.parse(
		network.wp(
			'oidc',
			'client',
			'create',
			`--url=${ site }/`,
			'--name=Network test',
			`--redirect-uri=${ REDIRECT_URI }`,
			'--format=json',
			...flags
		)
	) as CliClient;
}

/**
 * One authorization request by a signed-in user; the redirect's parameters (`code` or `error`).
 */
export async function authorize(
	request: APIRequestContext,
	site: string,
	client: CliClient
): Promise< URLSearchParams > {
	const query = new URLSearchParams( {
		response_type: 'code',
		client_id: client.client_id,
		redirect_uri: REDIRECT_URI,
		scope: 'openid profile',
		state: 'st-1',
		nonce: 'n-1',
	} );
	const response = await request.get(
		`${ site }/wenisch-tech/keystone-oidc/oauth/authorize?${ query.toString() }`,
		{ maxRedirects: 0 }
	);
	expect( [ 302, 303 ], await response.text() ).toContain(
		response.status()
	);
	const location = new URL( response.headers().location ?? '' );
	expect( `${ location.origin }${ location.pathname }` ).toBe( REDIRECT_URI );
	return location.searchParams;
}

export async function redeem(
	site: string,
	client: CliClient,
	code: string
): Promise< Record< string, unknown > > {
	const response = await fetch(
		`${ site }/wenisch-tech/keystone-oidc/oauth/token`,
		{
			method: 'POST',
			headers: {
				Authorization: `Basic ${ Buffer.from(
					`${ client.client_id }:${ client.client_secret }`
				).toString( 'base64' ) }`,
				'Content-Type': 'application/x-www-form-urlencoded',
			},
			body: new URLSearchParams( {
				grant_type: 'authorization_code',
				code,
				redirect_uri: REDIRECT_URI,
			} ),
		}
	);
	const body = ( await response.json() ) as Record< string, unknown >;
	expect( response.status, JSON.stringify( body ) ).toBe( 200 );
	return body;
}
