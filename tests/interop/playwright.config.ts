/**
 * Relying parties nobody here wrote (Apache mod_auth_openidc, oidc-client-ts, Python Authlib),
 * each started as a process of its own against the WordPress the e2e global setup boots.
 */
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import e2e from '../e2e/playwright.config';

export default defineConfig( {
	...e2e,
	testDir: __dirname,
	testMatch: '**/*.spec.ts',
	outputDir: path.resolve(
		__dirname,
		'../../artifacts/interop/test-results'
	),
	globalSetup: path.resolve( __dirname, '../e2e/global-setup.ts' ),
	fullyParallel: false,
	// One relying party at a time: each spec file starts its own server, and sign-ins of the
	// suite's REST admin in parallel workers race on WordPress's per-user session list.
	workers: Number( process.env.INTEROP_WORKERS ?? 1 ),
	timeout: 60_000,
} );
