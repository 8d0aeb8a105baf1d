/**
 * The Playground smoke test: the same spec on the lowest and a current PHP.wasm, each project with
 * a Playground of its own (booted by the worker fixture in `fixtures.ts`). One worker: each
 * Playground request takes PHP.wasm 1.5–3 s of one core.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import type { PlaygroundOptions } from './fixtures';

const debianChromium = '/usr/bin/chromium';
const executablePath =
	process.env.CHROMIUM_PATH ??
	( existsSync( debianChromium ) ? debianChromium : undefined );

export default defineConfig< PlaygroundOptions >( {
	testDir: __dirname,
	testMatch: '**/*.spec.ts',
	outputDir: path.resolve( __dirname, '../../artifacts/playground-results' ),
	fullyParallel: false,
	workers: 1,
	timeout: 180_000,
	expect: { timeout: 20_000 },
	retries: 0,
	forbidOnly: !! process.env.CI,
	reporter: [ [ 'list' ] ],
	projects: [
		{ name: 'php-7.4', use: { php: '7.4' } },
		{ name: 'php-8.2', use: { php: '8.2' } },
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
