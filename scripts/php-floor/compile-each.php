<?php
/**
 * Compiles, without running, every PHP file named on the command line, on the PHP that runs this
 * script: `check.ts` runs it on PHP.wasm at the plugin's floor version. opcache_compile_file() does
 * what `php -l` does (parse, then compile), for many files in one process, where `php -l` before
 * PHP 8.3 takes one file. A parse error is thrown; a compile error (a constant expression 7.4 does
 * not allow, for one) PHP reports itself on stderr, and check.ts fails on any stderr.
 *
 * Prints `compiled <file>` for each file that compiled, so check.ts also notices a file that was
 * never reached.
 *
 * @package Keystone_OIDC
 */

declare(strict_types=1);

error_reporting( E_ALL );

if ( ! function_exists( 'opcache_compile_file' ) || false === opcache_get_status( false ) ) {
	fwrite( STDERR, "OPcache is not running (opcache.enable_cli=1?): no file would be compiled.\n" );
	exit( 2 );
}

$failed = 0;
foreach ( array_slice( $argv, 1 ) as $file ) {
	try {
		$compiled = opcache_compile_file( $file );
	} catch ( ParseError $error ) {
		fwrite( STDERR, sprintf( "Parse error: %s in %s on line %d\n", $error->getMessage(), $file, $error->getLine() ) );
		$compiled = false;
	}
	if ( $compiled ) {
		echo 'compiled ' . $file . "\n";
	} else {
		++$failed;
	}
}
exit( 0 === $failed ? 0 : 1 );
