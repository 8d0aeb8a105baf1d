<?php
declare(strict_types=1);

namespace Keystone_OIDC\Settings;

/**
 * `consent_remember_days` (an addition to the contract's fields): how long a remembered consent
 * spares the user the consent screen, counted from the last time they allowed the client; 0, the
 * default, remembers it until they revoke it, as before. A consent older than this asks again, and
 * allowing renews it. Autoloaded: every authorization request reads it.
 */
final class Consent_Settings implements Setting_Group {
	const OPTION   = 'keystone_oidc_consent_remember_days';
	const MAX_DAYS = 3650;

	public static function remember_days(): int {
		$days = get_option( self::OPTION, 0 );
		return is_numeric( $days ) ? max( 0, min( self::MAX_DAYS, (int) $days ) ) : 0;
	}

	/**
	 * Pure: whether a consent last allowed at `$allowed_at` still counts at `$now`.
	 */
	public static function still_remembered( int $allowed_at, int $now, int $days ): bool {
		return 0 === $days || $allowed_at > $now - $days * 86400;
	}

	public function fields(): array {
		return array( 'consent_remember_days' );
	}

	public function to_array(): array {
		return array( 'consent_remember_days' => self::remember_days() );
	}

	public function validate( array $body ) {
		if ( array_key_exists( 'consent_remember_days', $body ) && ! Setting_Error::is_int_between( $body['consent_remember_days'], 0, self::MAX_DAYS ) ) {
			return Setting_Error::invalid(
				'consent_remember_days',
				/* translators: %d: the largest number of days. */
				sprintf( __( 'consent_remember_days must be a whole number of days from 0 (until revoked) to %d.', 'keystone-oidc' ), self::MAX_DAYS )
			);
		}
		return null;
	}

	public function save( array $body ): void {
		if ( array_key_exists( 'consent_remember_days', $body ) ) {
			update_option( self::OPTION, $body['consent_remember_days'], true );
		}
	}

	public function schema(): array {
		return array(
			'consent_remember_days' => array(
				'description' => __( 'Days a remembered consent lasts from the last Allow; 0 = until the user revokes it.', 'keystone-oidc' ),
				'type'        => 'integer',
			),
		);
	}
}
