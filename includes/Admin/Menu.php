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
			'keystone-oidc-claims'   => array( __( 'Claims', 'keystone-oidc' ), 'admin-claims' ),
			'keystone-oidc-settings' => array( __( 'Settings', 'keystone-oidc' ), 'admin-settings' ),
			'keystone-oidc-activity' => array( __( 'Activity', 'keystone-oidc' ), 'admin-activity' ),
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
		add_filter( 'submenu_file', array( self::class, 'highlight_clients' ) );
		add_filter( 'admin_title', array( self::class, 'edit_title' ), 10, 2 );
		foreach ( self::pages() as $slug => $page ) {
			$hook  = add_submenu_page( 'keystone-oidc', $page[0], $page[0], self::CAPABILITY, $slug, array( self::class, 'render' ) );
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

	/**
	 * Editing a client happens on the Add Client page (`&client_id=…`); the menu then highlights
	 * Clients, where the admin came from, and the title says what the page does.
	 */
	public static function editing_client(): bool {
		// Only decides which menu item is highlighted; the REST API checks everything else.
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended
		return isset( $_GET['page'], $_GET['client_id'] ) && 'keystone-oidc-new' === $_GET['page'];
	}

	/**
	 * @param string|null $submenu_file
	 */
	public static function highlight_clients( $submenu_file ): ?string {
		return self::editing_client() ? 'keystone-oidc' : $submenu_file;
	}

	public static function edit_title( string $admin_title, string $title ): string {
		if ( ! self::editing_client() ) {
			return $admin_title;
		}
		return str_replace( $title, __( 'Edit Client', 'keystone-oidc' ), $admin_title );
	}

	public static function render(): void {
		echo '<div class="wrap"><div id="keystone-oidc-app"></div></div>';
	}
}
