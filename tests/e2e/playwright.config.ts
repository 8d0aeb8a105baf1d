import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const debianChromium = '/usr/bin/chromium';
const executablePath =
	process.env.CHROMIUM_PATH ??
	( existsSync( debianChromium ) ? debianChromium : undefined );

/**
 * Specs that change the whole shared site for a while (its language), so no other test may run
 * beside them: `E2E_SITE_WIDE=1` runs only these, and bin/test.sh runs them after the others.
 */
const SITE_WIDE = [ '**/foundation/translations.spec.ts' ];
const siteWide = process.env.E2E_SITE_WIDE === '1';

export default defineConfig( {
	testDir: __dirname,
	testMatch: siteWide ? SITE_WIDE : '**/*.spec.ts',
	testIgnore: siteWide ? [] : SITE_WIDE,
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
