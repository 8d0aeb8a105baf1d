/**
 * Boots a WordPress of the suite's own (fresh database, the plugin linked in, the test must-use
 * plugins) unless WP_BASE_URL names one already running, such as wp-env's on port 8888.
 */
import { startSite } from './support/site';

export default async function globalSetup(): Promise< () => Promise< void > > {
	if ( process.env.WP_BASE_URL ) {
		return async () => {};
	}
	const site = await startSite( `e2e-${ process.pid }`, [
		'--test-plugins',
	] );
	process.env.WP_BASE_URL = site.url;
	process.env.KEYSTONE_SITE_DIR = site.dir;
	return site.stop;
}
