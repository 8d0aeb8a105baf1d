/**
 * Builds `dist/keystone-oidc-<version>.zip`, the zip an administrator uploads in
 * Plugins → Add New Plugin → Upload Plugin.
 *
 * Hand-written instead of `wp-scripts plugin-zip`, which cannot:
 * - state another version inside the archive (`--version`, below) without editing the working
 *   tree: the upgrade e2e tests (tests/e2e/release/upload.spec.ts) build a "newer" zip this way;
 * - be called as a function: those tests call `buildPluginZip()` and read back `entries`;
 * - refuse to build without `build/` or with a required file missing (`missingPluginFiles`):
 *   it zips whatever its glob finds, so a zip without the screens would ship silently;
 * - leave out source maps and dotfiles inside `build/` and `includes/` (it takes `build/**`);
 * - write a reproducible archive (every entry stamped with SOURCE_DATE_EPOCH, fixed order and
 *   modes), named `keystone-oidc-<version>.zip` in `dist/` rather than `<name>.zip` in the root.
 *
 *   npm run build && npm run plugin-zip
 *   npm run plugin-zip -- --version 1.2.3-test --out some/folder
 *
 * `--version` states another version inside the archive than the working tree's (the header, the
 * constant and the Stable tag of the zipped copies): the upgrade test uses it to make a "newer" zip.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildPluginZip } from './build-plugin-zip';

const root = resolve( dirname( fileURLToPath( import.meta.url ) ), '../..' );
const { values } = parseArgs( {
	options: {
		version: { type: 'string' },
		out: { type: 'string', default: 'dist' },
	},
} );
try {
	const zip = buildPluginZip( {
		root,
		outDir: resolve( root, values.out ?? 'dist' ),
		version: values.version,
	} );
	const files = zip.entries.filter(
		( name ) => ! name.endsWith( '/' )
	).length;
	console.log(
		`plugin-zip: ${ relative( root, zip.path )
			.split( sep )
			.join( '/' ) } (${ files } files, version ${ zip.version })`
	);
} catch ( error ) {
	console.error( ( error as Error ).message );
	process.exit( 1 );
}
