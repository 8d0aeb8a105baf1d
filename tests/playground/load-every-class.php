<?php
/**
 * Run by the Playground blueprint once the plugin is active: loads every class of the installed
 * plugin through its autoloader on this PHP.wasm version, so a file that does not compile there
 * (syntax newer than the PHP floor, a signature the version refuses) is found even when no request
 * of the smoke test reaches it. Writes what it found for the spec to read.
 *
 * @package Keystone_OIDC
 */

declare(strict_types=1);

require '/wordpress/wp-load.php';

$includes = WP_PLUGIN_DIR . '/keystone-oidc/includes';
$result   = array(
	'php'    => PHP_VERSION,
	'loaded' => array(),
	'failed' => new stdClass(), // A JSON object even when empty.
);
$files    = new RecursiveIteratorIterator( new RecursiveDirectoryIterator( $includes, FilesystemIterator::SKIP_DOTS ) );
foreach ( $files as $file ) {
	if ( 'php' !== $file->getExtension() ) {
		continue;
	}
	$relative = substr( $file->getPathname(), strlen( $includes ) + 1, -4 );
	$class    = 'Keystone_OIDC\\' . str_replace( '/', '\\', $relative );
	try {
		$exists = class_exists( $class ) || interface_exists( $class );
	} catch ( Throwable $failure ) {
		$result['failed']->$relative = get_class( $failure ) . ': ' . $failure->getMessage();
		continue;
	}
	if ( $exists ) {
		$result['loaded'][] = $relative;
	} else {
		$result['failed']->$relative = 'no class or interface ' . $class;
	}
}
sort( $result['loaded'] );
file_put_contents( WP_CONTENT_DIR . '/keystone-oidc-classes.json', (string) wp_json_encode( $result ) );
