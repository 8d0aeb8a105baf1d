<?php
// Installs WordPress without WP-CLI, sets pretty permalinks and activates the plugin. Harmless when
// the site is already installed.
[ , $web, $url, $with_plugin ] = $argv + array( 3 => '1' );
define( 'WP_INSTALLING', true );
$_SERVER['HTTP_HOST']   = parse_url( $url, PHP_URL_HOST ) . ':' . parse_url( $url, PHP_URL_PORT );
$_SERVER['REQUEST_URI'] = '/';
require $web . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

// No mail leaves a local site.
add_filter( 'pre_wp_mail', '__return_true' );

if ( ! is_blog_installed() ) {
	wp_install( 'Keystone OIDC', 'admin', 'admin@example.test', false, '', 'password' );
}
update_option( 'permalink_structure', '/%postname%/' );
update_option( 'auto_update_core_major', 'disabled' );
if ( '1' === $with_plugin ) {
	$result = activate_plugin( 'keystone-oidc/keystone-oidc.php' );
	if ( is_wp_error( $result ) ) {
		fwrite( STDERR, 'install-wordpress: ' . $result->get_error_message() . "\n" );
		exit( 1 );
	}
}
flush_rewrite_rules( true );
