<?php
declare(strict_types=1);

namespace Keystone_OIDC\Admin;

use Keystone_OIDC\Container;
use Keystone_OIDC\Http\Parameters;

/**
 * The built-in redirect target of Test sign-in and its result screen: an admin page, so only a
 * signed-in administrator ever reaches it, and no code leaves the site. It is in no menu (it is
 * reached only as the end of a test). Loading it redeems the code once (`Test_Sign_In\Test_Callback`,
 * tokens revoked before the page is written) and hands the result to the React screen.
 */
final class Test_Sign_In_Page {
	const SLUG  = 'keystone-oidc-test-sign-in';
	const ENTRY = 'admin-test-sign-in';

	public static function url(): string {
		return admin_url( 'admin.php?page=' . self::SLUG );
	}

	public static function register(): void {
		// Under `options.php`, which WordPress never lists as a menu: the page is routed and
		// permission-checked like any other, but appears in no menu.
		$hook = add_submenu_page( 'options.php', __( 'Test sign-in', 'keystone-oidc' ), __( 'Test sign-in', 'keystone-oidc' ), Menu::CAPABILITY, self::SLUG, array( Menu::class, 'render' ) );
		if ( false !== $hook ) {
			add_action( 'load-' . $hook, array( self::class, 'load' ) );
		}
	}

	public static function load(): void {
		add_filter( 'parent_file', array( self::class, 'highlight_clients' ) );
		add_filter( 'submenu_file', array( self::class, 'highlight_clients' ) );
		// The raw query string: WordPress's slashed `$_GET` would alter codes and descriptions.
		$query  = isset( $_SERVER['QUERY_STRING'] ) ? (string) wp_unslash( $_SERVER['QUERY_STRING'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized
		$result = Container::site()->test_sign_in_callback()->run( Parameters::parse( $query ), get_current_user_id() );
		add_action(
			'admin_enqueue_scripts',
			static function () use ( $result ): void {
				Assets::enqueue_admin( self::ENTRY );
				wp_add_inline_script( 'keystone-oidc-' . self::ENTRY, 'window.keystoneOidcTestSignIn = ' . wp_json_encode( $result ) . ';', 'before' );
			}
		);
	}

	/**
	 * The menu highlights Clients, where the test was started.
	 *
	 * @param string|null $file
	 */
	public static function highlight_clients( $file ): string {
		return 'keystone-oidc';
	}
}
