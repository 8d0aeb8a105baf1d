<?php
/**
 * Checks PHP files on the PHP that runs this script: `check.ts` runs it on PHP.wasm at the plugin's
 * floor version.
 *
 * - Compiles each file without running it. opcache_compile_file() does what `php -l` does (parse,
 *   then compile), for many files in one process, where `php -l` before PHP 8.3 takes one file. A
 *   parse error is thrown; a compile error (a constant expression 7.4 does not allow, for one) PHP
 *   reports itself on stderr, and check.ts fails on any stderr.
 * - Finds calls to PHP functions this PHP lacks: a newer PHP's function (str_contains() on 7.4)
 *   parses and compiles everywhere and fails only when the line runs. The first argument names a
 *   file listing the newer PHP's functions, one `name extension` a line; those of an extension
 *   this PHP has loaded, and does not define, are reported.
 *
 *   php -d opcache.enable_cli=1 compile-each.php FUNCTIONS_FILE FILE...
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

/**
 * Names of global functions called in `$source`, with the line of each call: `name(` and `\name(`,
 * not methods, declarations, `new` or namespaced names.
 *
 * @return array<int,array{0:string,1:int}>
 */
function called_functions( string $source ): array {
	$tokens = array_values(
		array_filter(
			token_get_all( $source ),
			static function ( $token ): bool {
				return ! is_array( $token ) || ! in_array( $token[0], array( T_WHITESPACE, T_COMMENT, T_DOC_COMMENT ), true );
			}
		)
	);

	$not_a_call = array( T_OBJECT_OPERATOR, T_DOUBLE_COLON, T_FUNCTION, T_NEW, T_STRING );
	$calls      = array();
	foreach ( $tokens as $i => $token ) {
		if ( ! is_array( $token ) || T_STRING !== $token[0] || '(' !== ( $tokens[ $i + 1 ] ?? null ) ) {
			continue;
		}
		$before = $tokens[ $i - 1 ] ?? null;
		if ( is_array( $before ) && T_NS_SEPARATOR === $before[0] ) {
			$before = $tokens[ $i - 2 ] ?? null;
			if ( is_array( $before ) && in_array( $before[0], array( T_STRING, T_NAMESPACE ), true ) ) {
				continue;
			}
		}
		if ( is_array( $before ) && in_array( $before[0], $not_a_call, true ) ) {
			continue;
		}
		$calls[] = array( strtolower( $token[1] ), $token[2] );
	}
	return $calls;
}

$args      = array_slice( $argv, 1 );
$newer     = array();
$extension = array_flip( array_map( 'strtolower', get_loaded_extensions() ) );
foreach ( file( (string) array_shift( $args ), FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES ) as $line ) {
	list( $name, $from ) = explode( ' ', $line . ' ' );
	if ( isset( $extension[ strtolower( $from ) ] ) && ! function_exists( $name ) ) {
		$newer[ strtolower( $name ) ] = true;
	}
}

$failed = 0;
foreach ( $args as $file ) {
	try {
		$compiled = opcache_compile_file( $file );
	} catch ( ParseError $error ) {
		fwrite( STDERR, sprintf( "Parse error: %s in %s on line %d\n", $error->getMessage(), $file, $error->getLine() ) );
		$compiled = false;
	}
	if ( $compiled ) {
		foreach ( called_functions( (string) file_get_contents( $file ) ) as $call ) {
			if ( isset( $newer[ $call[0] ] ) ) {
				fwrite( STDERR, sprintf( "PHP %s has no %s(), called in %s on line %d\n", PHP_VERSION, $call[0], $file, $call[1] ) );
				$compiled = false;
			}
		}
	}
	if ( $compiled ) {
		echo 'compiled ' . $file . "\n";
	} else {
		++$failed;
	}
}
exit( 0 === $failed ? 0 : 1 );
