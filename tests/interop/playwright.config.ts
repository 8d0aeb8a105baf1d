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
	// One worker per relying party: each spec file runs its own server.
	fullyParallel: false,
	workers: Number( process.env.INTEROP_WORKERS ?? 3 ),
	timeout: 60_000,
} );
