/**
 * Fails when the plugin header, the KEYSTONE_OIDC_VERSION constant, readme.txt's Stable tag or
 * package-lock.json disagree with package.json's version.
 *
 *   node --import tsx scripts/release/check-version.ts
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkVersions } from './version-files';

const root = resolve( dirname( fileURLToPath( import.meta.url ) ), '../..' );
const problems = checkVersions( root );
if ( problems.length > 0 ) {
	for ( const problem of problems ) {
		console.error( `check-version: ${ problem }` );
	}
	console.error(
		'check-version: run `node --import tsx scripts/release/set-version.ts <version>`'
	);
	process.exit( 1 );
}
console.log( 'check-version: every file states the same version' );
