/**
 * `test` for the Playground specs: one Playground per worker, on the PHP version its project names.
 * The protocol helpers of the e2e suite find the site through WP_BASE_URL, set here for the worker.
 */
import { test as base } from '@playwright/test';
import { startPlayground, type PlaygroundSite } from './playground';

export interface PlaygroundOptions {
	php: string;
}

export const test = base.extend<
	object,
	PlaygroundOptions & { playground: PlaygroundSite }
>( {
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
