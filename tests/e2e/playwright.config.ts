import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const debianChromium = '/usr/bin/chromium';
const executablePath =
	process.env.CHROMIUM_PATH ??
	( existsSync( debianChromium ) ? debianChromium : undefined );

/**
 * Specs that change the whole shared site for a while (its language): they run after every other
 * spec has finished, so no test elsewhere sees the site in another language.
 */
const SITE_WIDE = [ '**/foundation/translations.spec.ts' ];

export default defineConfig( {
	testDir: __dirname,
	testMatch: '**/*.spec.ts',
	outputDir: path.resolve( __dirname, '../../artifacts/test-results' ),
	globalSetup: path.resolve( __dirname, 'global-setup.ts' ),
	fullyParallel: false,
	workers: Number( process.env.E2E_WORKERS ?? 2 ),
	timeout: 90_000,
	expect: { timeout: 10_000 },
	// One retry in CI, where the machine is shared: a test that passes only on its retry is still
	// reported as flaky in the output.
	retries: process.env.CI ? 1 : 0,
	forbidOnly: !! process.env.CI,
	// The list, then every test that passed only on a retry (the aim: none).
	reporter: [
		[ 'list' ],
		[ path.resolve( __dirname, '../shared/retry-reporter.ts' ) ],
	],
	projects: [
		{ name: 'shared', testIgnore: SITE_WIDE },
		{ name: 'site-wide', testMatch: SITE_WIDE, dependencies: [ 'shared' ] },
	],
	use: {
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			...( executablePath ? { executablePath } : {} ),
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic',
			],
		},
	},
} );
