<?php
declare(strict_types=1);

namespace Keystone_OIDC\Multisite;

use Keystone_OIDC\Admin\Assets;
use Keystone_OIDC\Admin\Menu;
use Keystone_OIDC\Container;

/**
 * Network Admin → Settings → OpenID Connect: the network's choices (`src/admin/network/`), for
 * network administrators only.
 */
final class Network_Settings_Page {
	const SLUG = 'keystone-oidc-network';

	public static function register(): void {
		$hook = add_submenu_page(
			'settings.php',
			__( 'OpenID Connect', 'keystone-oidc' ),
			__( 'OpenID Connect', 'keystone-oidc' ),
			Container::site()->network_privileges()->capability(),
			self::SLUG,
			array( Menu::class, 'render' )
		);
		add_action(
			'load-' . $hook,
			static function (): void {
				add_action(
					'admin_enqueue_scripts',
					static function (): void {
						Assets::enqueue_admin( 'admin-network' );
					}
				);
			}
		);
	}
}
