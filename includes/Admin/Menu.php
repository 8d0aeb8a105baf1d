<?php
declare(strict_types=1);

namespace Keystone_OIDC\Admin;

/**
 * The OIDC Provider menu. Every page is a mount point for a TypeScript React app from `build/`.
 */
final class Menu {
	const CAPABILITY = 'manage_options';

	/**
	 * Page slug => [menu title, script entry in build/].
	 *
	 * @return array<string,array{0:string,1:string}>
	 */
	public static function pages(): array {
		return array(
			'keystone-oidc'          => array( __( 'Clients', 'keystone-oidc' ), 'admin-clients' ),
			'keystone-oidc-new'      => array( __( 'Add Client', 'keystone-oidc' ), 'admin-edit' ),
			'keystone-oidc-settings' => array( __( 'Settings', 'keystone-oidc' ), 'admin-settings' ),
		);
	}

	public static function register(): void {
		add_menu_page(
			__( 'OIDC Provider', 'keystone-oidc' ),
			__( 'OIDC Provider', 'keystone-oidc' ),
			self::CAPABILITY,
			'keystone-oidc',
			array( self::class, 'render' ),
			'dashicons-shield',
			81
		);
		foreach ( self::pages() as $slug => $page ) {
			$hook = add_submenu_page( 'keystone-oidc', $page[0], $page[0], self::CAPABILITY, $slug, array( self::class, 'render' ) );
			$entry = $page[1];
			add_action(
				'load-' . $hook,
				static function () use ( $entry ) {
					add_action(
						'admin_enqueue_scripts',
						static function () use ( $entry ) {
							Assets::enqueue_admin( $entry );
						}
					);
				}
			);
		}
	}

	public static function render(): void {
		echo '<div class="wrap"><div id="keystone-oidc-app"></div></div>';
	}
}
