<?php
declare(strict_types=1);

namespace Keystone_OIDC\Settings;

/**
 * `trust_email`: whether `email_verified` is asserted (true) for an address WordPress confirmed
 * (`Users\Email_Confirmation`). Off by default: relying parties that link accounts by a verified
 * e-mail address would otherwise trust whatever address a user typed. Autoloaded: the token and
 * UserInfo endpoints read it with the claims.
 */
final class Email_Trust_Settings implements Setting_Group {
	const OPTION = 'keystone_oidc_trust_email';

	public static function enabled(): bool {
		return '1' === (string) get_option( self::OPTION, '0' );
	}

	public function fields(): array {
		return array( 'trust_email' );
	}

	public function to_array(): array {
		return array( 'trust_email' => self::enabled() );
	}

	public function validate( array $body ) {
		if ( array_key_exists( 'trust_email', $body ) && ! is_bool( $body['trust_email'] ) ) {
			return Setting_Error::invalid( 'trust_email', __( 'trust_email must be true or false.', 'keystone-oidc' ) );
		}
		return null;
	}

	public function save( array $body ): void {
		if ( array_key_exists( 'trust_email', $body ) ) {
			update_option( self::OPTION, $body['trust_email'] ? '1' : '0', true );
		}
	}

	public function schema(): array {
		return array(
			'trust_email' => array(
				'description' => __( 'Assert email_verified for addresses WordPress confirmed (a password set through the e-mailed link, or a confirmed e-mail change).', 'keystone-oidc' ),
				'type'        => 'boolean',
			),
		);
	}
}
