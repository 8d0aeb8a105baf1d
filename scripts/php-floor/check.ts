/**
 * Checks the PHP floor the plugin declares: the plugin header, readme.txt and Requirements::MIN_PHP
 * state the same version, and every PHP file the plugin ships compiles on that version and calls no
 * PHP function that version lacks. Debian has only its current PHP; the floor's PHP comes as
 * WebAssembly with @wp-playground/cli.
 *
 *   node --import tsx scripts/php-floor/check.ts
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNodeRuntime } from '@php-wasm/node';
import {
	PHP,
	SupportedPHPVersions,
	type SupportedPHPVersion,
} from '@php-wasm/universal';
import { candidateFiles } from '../release/build-plugin-zip';
import { shippedFiles } from '../release/plugin-files';
import { agreedFloor, readStatedFloors, uncompiledFiles } from './floor';

const root = resolve( dirname( fileURLToPath( import.meta.url ) ), '../..' );
const PLUGIN_DIR = '/plugin';
const COMPILER = '/php-floor/compile-each.php';
const HOST_FUNCTIONS = '/php-floor/host-functions.txt';

/**
 * `name extension` of every function the development PHP (Debian's, newer than the floor) has: those
 * the floor's PHP lacks are the ones the plugin must not call.
 */
function hostFunctions(): string {
	const listed = spawnSync(
		'php',
		[
			'-r',
			'foreach ( get_defined_functions()["internal"] as $f ) { echo $f, " ", ( new ReflectionFunction( $f ) )->getExtensionName(), "\\n"; }',
		],
		{ encoding: 'utf8' }
	);
	if ( 0 !== listed.status ) {
		fail( [ `php (the development PHP) failed: ${ listed.stderr }` ] );
	}
	return listed.stdout;
}

function fail( lines: string[] ): never {
	for ( const line of lines ) {
		console.error( `php-floor: ${ line }` );
	}
	process.exit( 1 );
}

function isSupported( version: string ): version is SupportedPHPVersion {
	return ( SupportedPHPVersions as readonly string[] ).includes( version );
}

async function main(): Promise< void > {
	const agreed = agreedFloor( readStatedFloors( root ) );
	if ( 'problems' in agreed ) {
		fail( agreed.problems );
	}
	const { floor } = agreed;
	if ( ! isSupported( floor ) ) {
		fail( [
			`no PHP.wasm build for the floor ${ floor } (PHP.wasm has ${ SupportedPHPVersions.join(
				', '
			) }): the files cannot be checked on it`,
		] );
	}

	const files = shippedFiles( candidateFiles( root ) ).filter( ( file ) =>
		file.endsWith( '.php' )
	);
	const php = new PHP(
		await loadNodeRuntime( floor, {
			emscriptenOptions: { processId: process.pid },
		} )
	);
	for ( const file of files ) {
		php.mkdir( dirname( join( PLUGIN_DIR, file ) ) );
		php.writeFile(
			join( PLUGIN_DIR, file ),
			readFileSync( join( root, file ) )
		);
	}
	php.mkdir( dirname( COMPILER ) );
	php.writeFile( HOST_FUNCTIONS, hostFunctions() );
	php.writeFile(
		COMPILER,
		readFileSync( join( root, 'scripts/php-floor/compile-each.php' ) )
	);
	const response = await php.cli( [
		'php',
		'-d',
		'opcache.enable_cli=1',
		'-d',
		'opcache.file_update_protection=0',
		'-d',
		'display_errors=stderr',
		'-d',
		'log_errors=0',
		COMPILER,
		HOST_FUNCTIONS,
		...files.map( ( file ) => join( PLUGIN_DIR, file ) ),
	] );
	const [ stdout, stderr, exitCode ] = await Promise.all( [
		response.stdoutText,
		response.stderrText,
		response.exitCode,
	] );
	const relative = ( text: string ) =>
		text.split( `${ PLUGIN_DIR }/` ).join( '' );
	const missed = uncompiledFiles( files, relative( stdout ) );
	if ( 0 !== exitCode || '' !== stderr.trim() || missed.length > 0 ) {
		fail( [
			`on PHP ${ floor } (the floor the plugin declares):`,
			...relative( stderr ).trim().split( '\n' ),
			...missed.map( ( file ) => `${ file } did not pass` ),
		] );
	}
	console.log(
		`php-floor: ${ files.length } files compile on PHP ${ floor } and call no function it lacks; the plugin header, readme.txt and Requirements agree on that floor`
	);
}

// PHP.wasm keeps the event loop alive; the verdict is the exit code.
main().then(
	() => process.exit( 0 ),
	( error: unknown ) => fail( [ String( error ) ] )
);
