/**
 * The plugin's version lives in package.json; these functions copy it into every other place that
 * states it, and read those places back so a check can tell when they disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PLUGIN_FILE = 'keystone-oidc.php';
export const README_FILE = 'readme.txt';

const SEMVER =
	/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

const HEADER_VERSION = /^(\s*\*\s*Version:[ \t]*)(\S+)([ \t]*)$/m;
const VERSION_CONSTANT =
	/(define\(\s*'KEYSTONE_OIDC_VERSION',\s*')([^']*)('\s*\))/;
const STABLE_TAG = /^(Stable tag:[ \t]*)(\S+)([ \t]*)$/m;

export function isSemver( version: string ): boolean {
	return SEMVER.test( version );
}

function assertSemver( version: string ): void {
	if ( ! isSemver( version ) ) {
		throw new Error( `"${ version }" is not a semantic version` );
	}
}

/** `pattern` has three groups: the text before the version, the version, the text after it. */
function replaceOnce(
	text: string,
	pattern: RegExp,
	version: string,
	what: string
): string {
	if ( ! pattern.test( text ) ) {
		throw new Error( `${ what } not found` );
	}
	return text.replace(
		pattern,
		( _match, before: string, _old: string, after: string ) =>
			`${ before }${ version }${ after }`
	);
}

export function setPluginVersion( php: string, version: string ): string {
	assertSemver( version );
	const withHeader = replaceOnce(
		php,
		HEADER_VERSION,
		version,
		`"Version:" header in ${ PLUGIN_FILE }`
	);
	return replaceOnce(
		withHeader,
		VERSION_CONSTANT,
		version,
		`KEYSTONE_OIDC_VERSION in ${ PLUGIN_FILE }`
	);
}

export function setStableTag( readme: string, version: string ): string {
	assertSemver( version );
	return replaceOnce(
		readme,
		STABLE_TAG,
		version,
		`"Stable tag:" in ${ README_FILE }`
	);
}

/** Replaces the `version` field at the top of package.json, keeping its formatting. */
export function setPackageJsonVersion( json: string, version: string ): string {
	assertSemver( version );
	const data = JSON.parse( json ) as { version?: unknown };
	if ( typeof data.version !== 'string' ) {
		throw new Error( 'package.json has no "version"' );
	}
	const indent = /^\{\r?\n([ \t]+)"/.exec( json )?.[ 1 ] ?? '\t';
	const topLevelVersion = new RegExp(
		`^(${ indent }"version":\\s*")([^"]*)(")`,
		'm'
	);
	return replaceOnce(
		json,
		topLevelVersion,
		version,
		'top-level "version" in package.json'
	);
}

/** package-lock.json states the version twice: at the top and for the root package `""`. */
export function setPackageLockVersion( json: string, version: string ): string {
	assertSemver( version );
	const data = JSON.parse( json ) as {
		version?: string;
		packages?: Record< string, { version?: string } >;
	};
	data.version = version;
	const rootPackage = data.packages?.[ '' ];
	if ( rootPackage ) {
		rootPackage.version = version;
	}
	const indent = /^\{\r?\n([ \t]+)"/.exec( json )?.[ 1 ] ?? '\t';
	return JSON.stringify( data, null, indent ) + '\n';
}

export interface StatedVersions {
	packageJson: string | null;
	packageLock: string | null;
	packageLockRoot: string | null;
	pluginHeader: string | null;
	pluginConstant: string | null;
	readmeStableTag: string | null;
}

export interface VersionSources {
	packageJson: string;
	packageLock: string | null;
	pluginPhp: string;
	readme: string;
}

export function statedVersions( sources: VersionSources ): StatedVersions {
	const pkg = JSON.parse( sources.packageJson ) as { version?: unknown };
	const lock = sources.packageLock
		? ( JSON.parse( sources.packageLock ) as {
				version?: unknown;
				packages?: Record< string, { version?: unknown } >;
		  } )
		: null;
	const text = ( value: unknown ): string | null =>
		typeof value === 'string' ? value : null;
	return {
		packageJson: text( pkg.version ),
		packageLock: lock ? text( lock.version ) : null,
		packageLockRoot: lock ? text( lock.packages?.[ '' ]?.version ) : null,
		pluginHeader: HEADER_VERSION.exec( sources.pluginPhp )?.[ 2 ] ?? null,
		pluginConstant:
			VERSION_CONSTANT.exec( sources.pluginPhp )?.[ 2 ] ?? null,
		readmeStableTag: STABLE_TAG.exec( sources.readme )?.[ 2 ] ?? null,
	};
}

/**
 * Every place whose version differs from package.json's, as readable lines; empty when all agree.
 * A missing package-lock.json is allowed (the project may not keep one); any other missing place is
 * a mismatch.
 */
export function versionMismatches( stated: StatedVersions ): string[] {
	const expected = stated.packageJson;
	if ( expected === null ) {
		return [ 'package.json has no "version"' ];
	}
	const problems: string[] = [];
	if ( ! isSemver( expected ) ) {
		problems.push(
			`package.json version "${ expected }" is not a semantic version`
		);
	}
	const places: Array< [ keyof StatedVersions, string ] > = [
		[ 'pluginHeader', `${ PLUGIN_FILE } "Version:" header` ],
		[ 'pluginConstant', `${ PLUGIN_FILE } KEYSTONE_OIDC_VERSION` ],
		[ 'readmeStableTag', `${ README_FILE } "Stable tag:"` ],
		[ 'packageLock', 'package-lock.json "version"' ],
		[ 'packageLockRoot', 'package-lock.json packages[""].version' ],
	];
	for ( const [ key, label ] of places ) {
		const value = stated[ key ];
		if ( value === expected ) {
			continue;
		}
		if (
			value === null &&
			( key === 'packageLock' || key === 'packageLockRoot' ) &&
			stated.packageLock === null &&
			stated.packageLockRoot === null
		) {
			continue;
		}
		problems.push(
			`${ label } is ${
				value === null ? 'missing' : `"${ value }"`
			}, package.json says "${ expected }"`
		);
	}
	return problems;
}

function readOptional( path: string ): string | null {
	try {
		return readFileSync( path, 'utf8' );
	} catch ( error ) {
		if ( ( error as NodeJS.ErrnoException ).code === 'ENOENT' ) {
			return null;
		}
		throw error;
	}
}

export function readVersionSources( root: string ): VersionSources {
	return {
		packageJson: readFileSync( join( root, 'package.json' ), 'utf8' ),
		packageLock: readOptional( join( root, 'package-lock.json' ) ),
		pluginPhp: readFileSync( join( root, PLUGIN_FILE ), 'utf8' ),
		readme: readFileSync( join( root, README_FILE ), 'utf8' ),
	};
}

/** Every place of the working tree at `root` that disagrees with package.json; empty when none. */
export function checkVersions( root: string ): string[] {
	return versionMismatches( statedVersions( readVersionSources( root ) ) );
}

export function packageVersion( root: string ): string {
	const { version } = JSON.parse(
		readFileSync( join( root, 'package.json' ), 'utf8' )
	) as { version?: unknown };
	if ( typeof version !== 'string' || ! isSemver( version ) ) {
		throw new Error(
			`package.json "version" is not a semantic version: ${ String(
				version
			) }`
		);
	}
	return version;
}

/** Writes `version` into package.json, package-lock.json, the plugin header and constant, readme.txt. */
export function writeVersion( root: string, version: string ): void {
	const sources = readVersionSources( root );
	const updates: Array< [ string, string ] > = [
		[
			'package.json',
			setPackageJsonVersion( sources.packageJson, version ),
		],
		[ PLUGIN_FILE, setPluginVersion( sources.pluginPhp, version ) ],
		[ README_FILE, setStableTag( sources.readme, version ) ],
	];
	if ( sources.packageLock !== null ) {
		updates.push( [
			'package-lock.json',
			setPackageLockVersion( sources.packageLock, version ),
		] );
	}
	// Every replacement is computed before any file is written, so a failure leaves nothing half done.
	for ( const [ file, text ] of updates ) {
		writeFileSync( join( root, file ), text );
	}
}
