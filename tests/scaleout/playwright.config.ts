/**
 * Scale-out: one site on three web nodes, a three-node MariaDB Galera cluster and a shared Redis
 * (`bin/scaleout-site.sh`), booted once for the whole suite and stopped by it. Loads are short
 * (`SCALEOUT_SECONDS`, 3 by default, per scenario); the figures go to `artifacts/scaleout`.
 */
import path from 'node:path';
import { defineConfig } from '@playwright/test';

export default defineConfig( {
	testDir: __dirname,
	testMatch: '**/*.spec.ts',
	outputDir: path.resolve(
		__dirname,
		'../../artifacts/scaleout/test-results'
	),
	globalSetup: path.resolve( __dirname, 'global-setup.ts' ),
	globalTeardown: path.resolve( __dirname, 'global-teardown.ts' ),
	fullyParallel: false,
	workers: 1,
	timeout: 180_000,
	expect: { timeout: 10_000 },
	retries: 0,
	forbidOnly: !! process.env.CI,
	reporter: [
		[ 'list' ],
		[ path.resolve( __dirname, '../shared/retry-reporter.ts' ) ],
	],
} );
