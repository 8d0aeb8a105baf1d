/**
 * Writes one version into every file that states it.
 *
 *   node --import tsx scripts/release/set-version.ts 1.4.0
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSemver, writeVersion } from './version-files';

const root = resolve( dirname( fileURLToPath( import.meta.url ) ), '../..' );
const version = ( process.argv[ 2 ] ?? '' ).replace( /^v/, '' );

if ( ! isSemver( version ) ) {
	console.error(
		'usage: set-version.ts <version>   (a semantic version such as 1.4.0 or 1.5.0-dev)'
	);
	process.exit( 2 );
}
writeVersion( root, version );
console.log( `set-version: ${ version }` );
