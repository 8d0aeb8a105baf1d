/**
 * Load and faults: each spec boots its own production-like sites (nginx + php-fpm with four
 * workers + MariaDB, `bin/bench-site.sh`) on loopback, one spec at a time, and stops them itself.
 * `RELIABILITY_SECONDS` sets how long the sustained load runs (45 by default).
 */
import path from 'node:path';
import { defineConfig } from '@playwright/test';

export default defineConfig( {
	testDir: __dirname,
	testMatch: '**/*.spec.ts',
	outputDir: path.resolve(
		__dirname,
		'../../artifacts/reliability/test-results'
	),
	globalSetup: path.resolve( __dirname, 'global-setup.ts' ),
	globalTeardown: path.resolve( __dirname, 'global-teardown.ts' ),
	fullyParallel: false,
	workers: 1,
	timeout: 180_000,
	expect: { timeout: 10_000 },
	retries: 0,
	forbidOnly: !! process.env.CI,
	// The list, then every test that passed only on a retry (the aim: none).
	reporter: [
		[ 'list' ],
		[ path.resolve( __dirname, '../shared/retry-reporter.ts' ) ],
	],
} );
