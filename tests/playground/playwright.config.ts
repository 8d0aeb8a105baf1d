/**
 * The Playground smoke test: the same spec on the lowest and a current PHP.wasm, each project with
 * a Playground of its own (booted by the worker fixture in `fixtures.ts`). One worker: each
 * Playground request takes PHP.wasm 1.5–3 s of one core.
 */
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import e2eConfig from '../e2e/playwright.config';
import type { PlaygroundOptions } from './fixtures';

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
	// The e2e suite's browser: Debian's Chromium, offline.
	use: e2eConfig.use,
} );
