<?php
// Installs WordPress without WP-CLI, sets pretty permalinks (unless told `plain`) and activates the
// plugin. Harmless when the site is already installed. With KEYSTONE_SERVER_SOFTWARE=Apache,
// WordPress believes it runs on Apache with mod_rewrite and writes its own .htaccess, as it does
// when an admin saves the permalink settings there.
//
//   php install-wordpress.php ABSPATH HOME_URL [WITH_PLUGIN] [pretty|plain]

declare(strict_types=1);

list( , $web, $url, $with_plugin, $permalinks ) = $argv + array(
	3 => '1',
	4 => 'pretty',
);
define( 'WP_INSTALLING', true );
$_SERVER['HTTP_HOST']   = parse_url( $url, PHP_URL_HOST ) . ':' . parse_url( $url, PHP_URL_PORT );
$_SERVER['REQUEST_URI'] = '/';
// get_home_path() finds the home folder (where .htaccess goes) from the running script's path.
$_SERVER['SCRIPT_FILENAME'] = rtrim( $web, '/' ) . '/wp-admin/options-permalink.php';
if ( '' !== (string) getenv( 'KEYSTONE_SERVER_SOFTWARE' ) ) {
	$_SERVER['SERVER_SOFTWARE'] = (string) getenv( 'KEYSTONE_SERVER_SOFTWARE' );
}
require $web . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

// No mail leaves a local site.
add_filter( 'pre_wp_mail', '__return_true' );

if ( ! is_blog_installed() ) {
	wp_install( 'Keystone OIDC', 'admin', 'admin@example.test', false, '', 'password' );
}
// Through WP_Rewrite, which also re-reads the setting: .htaccess is written from it below.
$GLOBALS['wp_rewrite']->set_permalink_structure( 'plain' === $permalinks ? '' : '/%postname%/' );
update_option( 'auto_update_core_major', 'disabled' );
if ( '1' === $with_plugin ) {
	$result = activate_plugin( 'keystone-oidc/keystone-oidc.php' );
	if ( is_wp_error( $result ) ) {
		fwrite( STDERR, 'install-wordpress: ' . $result->get_error_message() . "\n" );
		exit( 1 );
	}
}
require_once ABSPATH . 'wp-admin/includes/misc.php';
flush_rewrite_rules( true );
