/**
 * Where the WordPress under test is and how to sign in to it. The same specs run against the
 * suite's own site (global setup) or any other, e.g. wp-env's (WP_BASE_URL=http://localhost:8888).
 */
import path from 'node:path';

export function baseUrl(): string {
	const url = process.env.WP_BASE_URL;
	if ( ! url ) {
		throw new Error(
			'WP_BASE_URL is not set: run the suite through its Playwright config.'
		);
	}
	return url.replace( /\/$/, '' );
}

/**
 * Where WordPress's own files are (wp-login.php, wp-admin): the home URL, unless the site gives
 * WordPress its own directory (WP_SITE_URL, as tests/hosts runs one).
 */
export function siteUrl(): string {
	return ( process.env.WP_SITE_URL ?? baseUrl() ).replace( /\/$/, '' );
}

/**
 * The URL of a REST route: below `/wp-json/` of the home URL, or as `?rest_route=` where the site
 * has plain permalinks (WP_REST_PLAIN=1).
 */
export function restUrl( route: string ): string {
	const routeWithQuery = `/${ route.replace( /^\//, '' ) }`;
	if ( process.env.WP_REST_PLAIN === '1' ) {
		const [ routePath, query ] = routeWithQuery.split( '?', 2 ) as [
			string,
			string | undefined,
		];
		return `${ baseUrl() }/?rest_route=${ encodeURIComponent(
			routePath
		) }${ query ? `&${ query }` : '' }`;
	}
	return `${ baseUrl() }/wp-json${ routeWithQuery }`;
}

export const admin = {
	username: process.env.WP_USERNAME ?? 'admin',
	password: process.env.WP_PASSWORD ?? 'password',
};

/**
 * The site's folder when the suite booted it itself; undefined for a site run elsewhere.
 */
export function siteDir(): string | undefined {
	return process.env.KEYSTONE_SITE_DIR;
}

/** The PHP logs of the suite's site, or of the site in `dir` (specs that boot one of their own). */
export function phpLogFiles( dir = siteDir() ): string[] {
	return dir
		? [ path.join( dir, 'debug.log' ), path.join( dir, 'php-error.log' ) ]
		: [];
}
