/**
 * Builds the zip an administrator uploads in Plugins → Add New → Upload Plugin, with
 * `keystone-oidc/` as its root folder. The command is plugin-zip.ts; the end-to-end tests call
 * `buildPluginZip` directly (this module stays free of `import.meta` so Playwright can load it).
 */
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
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

export function candidateFiles( root: string ): string[] {
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
