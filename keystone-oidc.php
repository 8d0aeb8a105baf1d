<?php
/**
 * Plugin Name:       Keystone OIDC
 * Plugin URI:        https://github.com/wenisch-tech/keystone-oidc
 * Description:       Turns this WordPress site into a complete OpenID Connect provider: other applications sign users in with their WordPress accounts.
 * Version:           3.0.0
 * Requires at least: 6.6
 * Requires PHP:      7.4
 * Author:            Wenisch Tech
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       keystone-oidc
 * Domain Path:       /languages
 *
 * @package Keystone_OIDC
 */

declare(strict_types=1);

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'KEYSTONE_OIDC_VERSION', '3.0.0' );
define( 'KEYSTONE_OIDC_FILE', __FILE__ );
define( 'KEYSTONE_OIDC_DIR', __DIR__ );

require_once __DIR__ . '/includes/Requirements.php';

if ( ! \Keystone_OIDC\Requirements::met() ) {
	\Keystone_OIDC\Requirements::add_notice();
	return;
}

require_once __DIR__ . '/includes/Autoloader.php';
\Keystone_OIDC\Autoloader::register( __DIR__ . '/includes' );

register_activation_hook( __FILE__, array( \Keystone_OIDC\Activator::class, 'activate' ) );
register_deactivation_hook( __FILE__, array( \Keystone_OIDC\Activator::class, 'deactivate' ) );

\Keystone_OIDC\Plugin::add_hooks();
