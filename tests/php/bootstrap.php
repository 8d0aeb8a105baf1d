<?php
declare(strict_types=1);

/*
 * No WordPress is loaded here. Pure classes (Crypto, Checks) are tested as they are; the grants and
 * the token-side objects are built as the composition root builds them, but with the in-memory
 * stores, fixed clock and recording issuer of `Support/`, which stand in for the interfaces whose
 * WordPress implementations are thin. Anything that needs WordPress itself is tested end to end
 * against a real site instead.
 */
require dirname( __DIR__, 2 ) . '/includes/Autoloader.php';

Keystone_OIDC\Autoloader::register( dirname( __DIR__, 2 ) . '/includes' );

spl_autoload_register(
	static function ( string $class ): void {
		$prefix = 'Keystone_OIDC\\Tests\\Support\\';
		if ( 0 === strpos( $class, $prefix ) ) {
			require __DIR__ . '/Support/' . substr( $class, strlen( $prefix ) ) . '.php';
		}
	}
);

if ( ! class_exists( 'WP_User' ) ) {
	require __DIR__ . '/Support/WP_User.php';
}

// The plugin's public actions (docs/activity-log.md) fire from code these tests run: recorded
// here, so a test can see which fired, as WordPress would run their listeners.
if ( ! function_exists( 'do_action' ) ) {
	/**
	 * @param mixed ...$args
	 */
	function do_action( string $hook_name, ...$args ): void {
		$GLOBALS['keystone_test_actions'][] = array( $hook_name, $args );
	}
}
