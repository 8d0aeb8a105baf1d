/**
 * The host matrix: the protocol's representative subset against WordPress as real hosts serve it
 * (Apache 2.4 with mod_php or php-fpm through proxy_fcgi, nginx with php-fpm, HTTPS terminated by
 * a proxy in front, a subfolder install with its own core folder, a Redis object cache, plain
 * permalinks). Each spec file boots its own site with `bin/host-site.sh` and stops it itself, one
 * at a time; the global setup makes the test CA the TLS proxy's certificates come from.
 */
import path from 'node:path';
import { defineConfig } from '@playwright/test';

export default defineConfig( {
	testDir: __dirname,
	testMatch: '**/*.spec.ts',
	outputDir: path.resolve( __dirname, '../../artifacts/hosts/test-results' ),
	globalSetup: path.resolve( __dirname, 'global-setup.ts' ),
	fullyParallel: false,
	// One site at a time: the helpers find the site under test in process.env, and the machine
	// has two cores.
	workers: 1,
	timeout: 120_000,
	expect: { timeout: 10_000 },
	retries: 0,
	forbidOnly: !! process.env.CI,
	reporter: [ [ 'list' ] ],
} );
