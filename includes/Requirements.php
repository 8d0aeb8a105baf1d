<?php
declare(strict_types=1);

namespace Keystone_OIDC;

/**
 * What the plugin needs from PHP before it loads anything else. When something is missing the
 * plugin stays inactive and says why in the admin, instead of failing with a fatal error.
 */
final class Requirements {
	const MIN_PHP = '7.4';

	/**
	 * @return string[] Human-readable reasons the plugin cannot run; empty when it can.
	 */
	public static function problems(): array {
		$problems = array();
		if ( version_compare( PHP_VERSION, self::MIN_PHP, '<' ) ) {
			/* translators: 1: required PHP version, 2: running PHP version. */
			$problems[] = sprintf( __( 'PHP %1$s or newer is required; this site runs PHP %2$s.', 'keystone-oidc' ), self::MIN_PHP, PHP_VERSION );
		}
		if ( ! extension_loaded( 'openssl' ) ) {
			$problems[] = __( 'The PHP openssl extension is required to sign tokens.', 'keystone-oidc' );
		}
		return $problems;
	}

	public static function met(): bool {
		return array() === self::problems();
	}

	public static function add_notice(): void {
		add_action(
			'admin_notices',
			static function () {
				if ( ! current_user_can( 'activate_plugins' ) ) {
					return;
				}
				echo '<div class="notice notice-error"><p><strong>' . esc_html__( 'Keystone OIDC is not running.', 'keystone-oidc' ) . '</strong></p><ul>';
				foreach ( self::problems() as $problem ) {
					echo '<li>' . esc_html( $problem ) . '</li>';
				}
				echo '</ul></div>';
			}
		);
	}
}
