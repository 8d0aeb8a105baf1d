/**
 * `test` for the Playground specs: one Playground per worker, on the PHP version its project names.
 * The protocol helpers of the e2e suite find the site through WP_BASE_URL, set here for the worker.
 */
import { test as base, type BrowserContext } from '@playwright/test';
import { signedInContext } from '../e2e/protocol/support/flow';
import { admin } from '../e2e/support/env';
import { startPlayground, type PlaygroundSite } from './playground';

export interface PlaygroundOptions {
	php: string;
}

export const test = base.extend<
	{ adminContext: BrowserContext },
	PlaygroundOptions & { playground: PlaygroundSite }
>( {
	// The administrator Playground's install created, signed in.
	adminContext: async ( { browser, playground }, use ) => {
		const context = await signedInContext( browser, {
			id: 1,
			username: admin.username,
			password: admin.password,
			email: `admin@${ new URL( playground.url ).hostname }`,
		} );
		await use( context );
		await context.close();
	},
	php: [ '8.2', { scope: 'worker', option: true } ],
	playground: [
		async ( { php }, use, workerInfo ) => {
			const site = await startPlayground(
				php,
				`php-${ php }-${ process.pid }-${ workerInfo.workerIndex }`
			);
			process.env.WP_BASE_URL = site.url;
			try {
				await use( site );
			} finally {
				await site.stop();
			}
		},
		{ scope: 'worker', timeout: 240_000 },
	],
} );

export { expect } from '@playwright/test';
