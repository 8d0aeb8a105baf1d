/**
 * The multisite suite: real WordPress networks installed with WP-CLI (`bin/network-site.sh`), one
 * per spec file, booted and stopped by the spec itself, one at a time.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const debianChromium = '/usr/bin/chromium';
const executablePath =
	process.env.CHROMIUM_PATH ??
	( existsSync( debianChromium ) ? debianChromium : undefined );

export default defineConfig( {
	testDir: __dirname,
	testMatch: '**/*.spec.ts',
	outputDir: path.resolve(
		__dirname,
		'../../artifacts/multisite/test-results'
	),
	fullyParallel: false,
	workers: 1,
	timeout: 120_000,
	expect: { timeout: 10_000 },
	retries: 0,
	forbidOnly: !! process.env.CI,
	reporter: [ [ 'list' ] ],
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
