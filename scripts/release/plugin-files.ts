/**
 * What the plugin zip holds: exactly the files WordPress runs, nothing from development.
 */

export const PLUGIN_SLUG = 'keystone-oidc';

/** Single files at the top of the plugin. */
export const TOP_LEVEL_FILES = [
	'keystone-oidc.php',
	'uninstall.php',
	'readme.txt',
	'LICENSE',
] as const;

/** Folders shipped with their content (minus what `isShippedFile` rejects). */
export const SHIPPED_FOLDERS = [
	'includes',
	'build',
	'languages',
	'assets',
] as const;

/**
 * Whether a working-tree path (relative, `/`-separated) belongs in the zip. Dotfiles and dot-folders
 * anywhere are out (`.gitkeep`, `.DS_Store`), and so are source maps: the build ships minified code
 * only, and the sources stay in the repository.
 */
export function isShippedFile( path: string ): boolean {
	const segments = path.split( '/' );
	if (
		segments.some(
			( segment ) =>
				segment === '' ||
				segment === '.' ||
				segment === '..' ||
				segment.startsWith( '.' )
		)
	) {
		return false;
	}
	if ( segments.length === 1 ) {
		return ( TOP_LEVEL_FILES as readonly string[] ).includes( path );
	}
	const [ folder ] = segments;
	if (
		! ( SHIPPED_FOLDERS as readonly string[] ).includes( folder as string )
	) {
		return false;
	}
	if ( folder === 'build' && path.endsWith( '.map' ) ) {
		return false;
	}
	return true;
}

/** The files of a working tree that go into the zip, sorted. */
export function shippedFiles( paths: readonly string[] ): string[] {
	return paths.filter( isShippedFile ).sort();
}

/** Static files the PHP side links to by URL, so the zip cannot do without them. */
export const STATIC_ASSETS = [ 'assets/form-post.js' ] as const;

/**
 * Files other than PHP that the PHP side reads from disk: the OpenSSL configuration every key
 * generation is given, without which no signing key can be made where the host has none
 * (WordPress Playground).
 */
export const RUNTIME_DATA_FILES = [ 'includes/Crypto/openssl.cnf' ] as const;

/**
 * The template translators start from, written at build time by `bin/make-pot.sh` (never
 * committed: its references point into `build/`).
 */
export const TRANSLATION_TEMPLATE = 'languages/keystone-oidc.pot';

/**
 * What must be there for the zip to be a working plugin: every top-level file, some PHP in
 * `includes/`, the static assets and runtime data files, and a compiled admin screen in `build/`. Returns readable
 * problems, empty when fine.
 */
export function missingPluginFiles( shipped: readonly string[] ): string[] {
	const problems: string[] = [];
	for ( const file of TOP_LEVEL_FILES ) {
		if ( ! shipped.includes( file ) ) {
			problems.push( `${ file } is missing` );
		}
	}
	if ( ! shipped.some( ( file ) => /^includes\/.+\.php$/.test( file ) ) ) {
		problems.push( 'includes/ holds no PHP file' );
	}
	for ( const file of [ ...STATIC_ASSETS, ...RUNTIME_DATA_FILES ] ) {
		if ( ! shipped.includes( file ) ) {
			problems.push( `${ file } is missing` );
		}
	}
	if ( ! shipped.includes( TRANSLATION_TEMPLATE ) ) {
		problems.push(
			`${ TRANSLATION_TEMPLATE } is missing: run \`npm run build\` (bin/make-pot.sh) first`
		);
	}
	if ( ! shipped.some( ( file ) => /^build\/[^/]+\.js$/.test( file ) ) ) {
		problems.push(
			'build/ holds no compiled script: run `npm run build` first'
		);
	}
	if (
		! shipped.some( ( file ) => /^build\/[^/]+\.asset\.php$/.test( file ) )
	) {
		problems.push(
			'build/ holds no *.asset.php: run `npm run build` first'
		);
	}
	return problems;
}

/**
 * Archive entry names for the shipped files: everything under `keystone-oidc/`, each folder listed
 * before its content (the empty `languages/` folder included), so the upload screen unpacks the
 * same tree however the archive is read.
 */
export function archiveEntryNames(
	shipped: readonly string[],
	alwaysFolders: readonly string[] = [ 'languages' ]
): string[] {
	const folders = new Set< string >( [ '' ] );
	for ( const folder of alwaysFolders ) {
		folders.add( folder + '/' );
	}
	for ( const file of shipped ) {
		const segments = file.split( '/' );
		for ( let i = 1; i < segments.length; i++ ) {
			folders.add( segments.slice( 0, i ).join( '/' ) + '/' );
		}
	}
	return [ ...folders, ...shipped ]
		.map( ( path ) => `${ PLUGIN_SLUG }/${ path }` )
		.sort();
}

export function zipFileName( version: string ): string {
	return `${ PLUGIN_SLUG }-${ version }.zip`;
}
