<?php
/**
 * Removes everything Keystone OIDC stored: its tables, options, keys and scheduled events.
 *
 * @package Keystone_OIDC
 */

declare(strict_types=1);

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

require_once __DIR__ . '/includes/Autoloader.php';
\Keystone_OIDC\Autoloader::register( __DIR__ . '/includes' );

\Keystone_OIDC\Uninstaller::run();
