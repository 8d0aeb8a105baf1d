/**
 * One site of the host matrix, booted by `bin/host-site.sh` and made the site under test: the
 * e2e helpers (tests/e2e/support, tests/e2e/protocol/support) find it in WP_BASE_URL (the home URL,
 * which is the issuer), WP_SITE_URL (wp-login.php and wp-admin) and KEYSTONE_SITE_DIR (the PHP
 * logs every test checks).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, startSite, type RunningSite } from '../../e2e/support/site';

export interface Host {
	/** Arguments of bin/host-site.sh after the site's name. */
	args: string[];
}

export interface RunningHost extends RunningSite {
	siteUrl: string;
	https: boolean;
	plainPermalinks: boolean;
}

export async function startHost(
	label: string,
	host: Host
): Promise< RunningHost > {
	// The e2e suite's must-use plugins: no update checks from an offline site (their failure is a
	// PHP warning), the movable clock some helpers send.
	const args = [
		...host.args,
		'--mu-plugins',
		path.join( repoRoot, 'tests/e2e/support/mu-plugins' ),
	];
	const tls = args.indexOf( '--tls' );
	if ( tls !== -1 ) {
		const ca = process.env.KEYSTONE_TEST_CA_DIR;
		if ( ! ca ) {
			throw new Error(
				'no test CA: run the suite through tests/hosts/playwright.config.ts'
			);
		}
		args.splice( tls + 1, 0, ca );
	}
	const site = await startSite(
		`hosts-${ label }-${ process.pid }`,
		args,
		'bin/host-site.sh'
	);
	const siteUrl = readFileSync( path.join( site.dir, 'siteurl' ), 'utf8' )
		.trim()
		.replace( /\/$/, '' );
	const plainPermalinks =
		args.includes( '--permalinks' ) &&
		args[ args.indexOf( '--permalinks' ) + 1 ] === 'plain';
	process.env.WP_BASE_URL = site.url;
	process.env.WP_SITE_URL = siteUrl;
	process.env.KEYSTONE_SITE_DIR = site.dir;
	// Without pretty permalinks, or without a server that hands /wp-json/ to WordPress, the REST
	// API is reached as WordPress itself links it then: ?rest_route=.
	process.env.WP_REST_PLAIN =
		plainPermalinks || args.includes( '--no-htaccess' ) ? '1' : '0';
	return {
		...site,
		siteUrl,
		https: site.url.startsWith( 'https://' ),
		plainPermalinks,
	};
}
