<?php
// Router for PHP's built-in web server in front of a subdirectory multisite network: what
// WordPress's own .htaccess for such a network does. A site's path prefix is taken off paths to
// WordPress's files (`/site-a/wp-admin/…` is `/wp-admin/…`, `/site-a/wp-login.php` is
// `/wp-login.php`); real files are served as they are; everything else goes to index.php.

declare(strict_types=1);

$path = (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
$root = $_SERVER['DOCUMENT_ROOT'];
if ( preg_match( '#^/[_0-9a-zA-Z-]+(/(?:wp-(?:content|admin|includes)(?:/.*)?|[^/]+\.php))$#', $path, $match ) && ! is_file( $root . $path ) ) {
	$path = $match[1];
	if ( '/wp-admin' === $path ) {
		$path = '/wp-admin/';
	}
}
$file = $root . $path;
if ( is_dir( $file ) && is_file( rtrim( $file, '/' ) . '/index.php' ) ) {
	$file = rtrim( $file, '/' ) . '/index.php';
}
if ( '/' !== $path && is_file( $file ) ) {
	if ( '.php' !== substr( $file, -4 ) ) {
		if ( $path === parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) ) {
			return false;
		}
		// A file below a site's prefix: the server would look for the path as asked, so it is sent here.
		$types     = array(
			'js'    => 'text/javascript',
			'css'   => 'text/css',
			'svg'   => 'image/svg+xml',
			'png'   => 'image/png',
			'woff2' => 'font/woff2',
			'json'  => 'application/json',
		);
		$extension = strtolower( pathinfo( $file, PATHINFO_EXTENSION ) );
		header( 'Content-Type: ' . ( $types[ $extension ] ?? 'application/octet-stream' ) );
		readfile( $file );
		return true;
	}
	$_SERVER['SCRIPT_NAME']     = substr( $file, strlen( $root ) );
	$_SERVER['SCRIPT_FILENAME'] = $file;
	$_SERVER['PHP_SELF']        = $_SERVER['SCRIPT_NAME'];
	chdir( dirname( $file ) );
	require $file;
	return true;
}
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
require $root . '/index.php';
