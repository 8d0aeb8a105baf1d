<?php
declare(strict_types=1);

namespace Keystone_OIDC\Settings;

use Keystone_OIDC\Config;
use Keystone_OIDC\Upgrade\V2_Identity;
use WP_Error;

/**
 * `issuer_mode`: which issuer the provider uses (see `Config::issuer_mode`), and the issuer each
 * mode would give, so the Settings screen can show what switching changes.
 */
final class Issuer_Settings implements Setting_Group {
	public function fields(): array {
		return array( 'issuer_mode' );
	}

	public function to_array(): array {
		return array(
			'issuer_mode' => Config::issuer_mode(),
			'issuers'     => array(
				Config::ISSUER_MODE_HOME   => untrailingslashit( home_url() ),
				Config::ISSUER_MODE_LEGACY => V2_Identity::issuer(),
			),
		);
	}

	public function validate( array $body ) {
		if ( array_key_exists( 'issuer_mode', $body ) && ! ( is_string( $body['issuer_mode'] ) && in_array( $body['issuer_mode'], Config::ISSUER_MODES, true ) ) ) {
			return new WP_Error(
				'keystone_oidc_invalid_issuer_mode',
				/* translators: %s: the allowed values. */
				sprintf( __( 'issuer_mode must be one of: %s.', 'keystone-oidc' ), implode( ', ', Config::ISSUER_MODES ) ),
				array( 'status' => 400 )
			);
		}
		return null;
	}

	public function save( array $body ): void {
		if ( array_key_exists( 'issuer_mode', $body ) ) {
			update_option( Config::ISSUER_MODE_OPTION, $body['issuer_mode'], true );
		}
	}

	public function schema(): array {
		return array(
			'issuer_mode' => array(
				'description' => __( 'Which issuer is used: "home" (the home URL) or "legacy" (the issuer of Keystone OIDC 2.x, kept on upgraded sites).', 'keystone-oidc' ),
				'type'        => 'string',
				'enum'        => Config::ISSUER_MODES,
			),
			'issuers'     => array(
				'description' => __( 'The issuer each mode would use.', 'keystone-oidc' ),
				'type'        => 'object',
				'readonly'    => true,
			),
		);
	}
}
