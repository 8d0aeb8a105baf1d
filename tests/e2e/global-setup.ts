/**
 * Boots a WordPress of the suite's own (fresh database, the plugin linked in, the test must-use
 * plugins) unless WP_BASE_URL names one already running, such as wp-env's on port 8888.
 */
import path from 'node:path';
import { startSite } from './support/site';
import { signInAdminOnce } from './support/wp';

export default async function globalSetup(): Promise< () => Promise< void > > {
	if ( process.env.WP_BASE_URL ) {
		return async () => {};
	}
	const site = await startSite( `e2e-${ process.pid }`, [
		'--test-plugins',
	] );
	process.env.WP_BASE_URL = site.url;
	process.env.KEYSTONE_SITE_DIR = site.dir;
	// One administrator sign-in for every worker (see signInAdminOnce: logins of one user race).
	process.env.KEYSTONE_ADMIN_STATE = path.join(
		site.dir,
		'admin-session.json'
	);
	await signInAdminOnce( process.env.KEYSTONE_ADMIN_STATE );
	return site.stop;
}
