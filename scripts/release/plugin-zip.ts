/**
 * Builds the zip an administrator uploads in Plugins → Add New → Upload Plugin:
 * `dist/keystone-oidc-<version>.zip` with `keystone-oidc/` as its root folder.
 *
 *   npm run build && npm run plugin-zip
 *   npm run plugin-zip -- --version 1.2.3-test --out some/folder
 *
 * `--version` states another version inside the archive than the working tree's (the header, the
 * constant and the Stable tag of the zipped copies): the upgrade test uses it to make a "newer" zip.
 */
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
	archiveEntryNames,
	missingPluginFiles,
	PLUGIN_SLUG,
	SHIPPED_FOLDERS,
	shippedFiles,
	TOP_LEVEL_FILES,
	zipFileName,
} from './plugin-files';
import {
	isSemver,
	packageVersion,
	PLUGIN_FILE,
	README_FILE,
	setPluginVersion,
	setStableTag,
} from './version-files';
import { createZip, type ZipInput } from './zip';

export interface PluginZipOptions {
	root: string;
	outDir: string;
	/** Defaults to package.json's version. */
	version?: string;
	/** Timestamp of every entry; defaults to SOURCE_DATE_EPOCH, else now. */
	modified?: Date;
}

export interface PluginZip {
	path: string;
	version: string;
	entries: string[];
}

function walk( root: string, folder: string ): string[] {
	const found: string[] = [];
	const absolute = join( root, folder );
	if ( ! existsSync( absolute ) ) {
		return found;
	}
	for ( const entry of readdirSync( absolute, { withFileTypes: true } ) ) {
		const path = `${ folder }/${ entry.name }`;
		if ( entry.isDirectory() ) {
			found.push( ...walk( root, path ) );
		} else if ( entry.isFile() ) {
			found.push( path );
		}
	}
	return found;
}

function candidateFiles( root: string ): string[] {
	const top = TOP_LEVEL_FILES.filter( ( file ) =>
		existsSync( join( root, file ) )
	);
	return [
		...top,
		...SHIPPED_FOLDERS.flatMap( ( folder ) => walk( root, folder ) ),
	];
}

function defaultTimestamp(): Date {
	const epoch = Number( process.env.SOURCE_DATE_EPOCH );
	return Number.isFinite( epoch ) && epoch > 0
		? new Date( epoch * 1000 )
		: new Date();
}

export function buildPluginZip( options: PluginZipOptions ): PluginZip {
	const { root, outDir } = options;
	const buildDir = join( root, 'build' );
	if ( ! existsSync( buildDir ) || ! statSync( buildDir ).isDirectory() ) {
		throw new Error(
			'plugin-zip: build/ is missing. Run `npm run build` first: the zip ships the compiled admin screens.'
		);
	}
	const shipped = shippedFiles( candidateFiles( root ) );
	const problems = missingPluginFiles( shipped );
	if ( problems.length > 0 ) {
		throw new Error(
			`plugin-zip: cannot build the zip:\n  ${ problems.join( '\n  ' ) }`
		);
	}

	const treeVersion = packageVersion( root );
	const version = options.version ?? treeVersion;
	if ( ! isSemver( version ) ) {
		throw new Error(
			`plugin-zip: "${ version }" is not a semantic version`
		);
	}

	const prefix = `${ PLUGIN_SLUG }/`;
	const inputs: ZipInput[] = archiveEntryNames( shipped ).map( ( name ) => {
		if ( name.endsWith( '/' ) ) {
			return { name };
		}
		const file = name.slice( prefix.length );
		let data = readFileSync( join( root, file ) );
		if ( version !== treeVersion && file === PLUGIN_FILE ) {
			data = Buffer.from(
				setPluginVersion( data.toString( 'utf8' ), version )
			);
		}
		if ( version !== treeVersion && file === README_FILE ) {
			data = Buffer.from(
				setStableTag( data.toString( 'utf8' ), version )
			);
		}
		return { name, data };
	} );

	mkdirSync( outDir, { recursive: true } );
	const path = join( outDir, zipFileName( version ) );
	writeFileSync(
		path,
		createZip( inputs, options.modified ?? defaultTimestamp() )
	);
	return { path, version, entries: inputs.map( ( input ) => input.name ) };
}

if ( process.argv[ 1 ] === fileURLToPath( import.meta.url ) ) {
	const root = resolve(
		dirname( fileURLToPath( import.meta.url ) ),
		'../..'
	);
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
}
