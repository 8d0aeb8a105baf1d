<?php
declare(strict_types=1);

namespace Keystone_OIDC\Settings;

/**
 * `key_rotation_days`: the signing keys are rotated by the hourly cleanup job once the current
 * ones are this many days old (`Keys\Scheduled_Rotation`); 0, the default, never rotates them on
 * its own. Seven days at least, so relying parties that cache the JWKS for a while never meet a
 * stream of new keys. Read by the job only: not autoloaded.
 */
final class Key_Rotation_Settings implements Setting_Group {
	const OPTION   = 'keystone_oidc_key_rotation_days';
	const MIN_DAYS = 7;
	const MAX_DAYS = 365;

	public static function days(): int {
		$days = get_option( self::OPTION, 0 );
		return is_numeric( $days ) && self::allowed( (int) $days ) ? (int) $days : 0;
	}

	/**
	 * @param mixed $days
	 */
	private static function allowed( $days ): bool {
		return 0 === $days || Setting_Error::is_int_between( $days, self::MIN_DAYS, self::MAX_DAYS );
	}

	public function fields(): array {
		return array( 'key_rotation_days' );
	}

	public function to_array(): array {
		return array( 'key_rotation_days' => self::days() );
	}

	public function validate( array $body ) {
		if ( array_key_exists( 'key_rotation_days', $body ) && ! self::allowed( $body['key_rotation_days'] ) ) {
			return Setting_Error::invalid(
				'key_rotation_days',
				/* translators: 1: the smallest number of days, 2: the largest. */
				sprintf( __( 'key_rotation_days must be 0 (off) or a whole number of days from %1$d to %2$d.', 'keystone-oidc' ), self::MIN_DAYS, self::MAX_DAYS )
			);
		}
		return null;
	}

	public function save( array $body ): void {
		if ( array_key_exists( 'key_rotation_days', $body ) ) {
			update_option( self::OPTION, $body['key_rotation_days'], false );
		}
	}

	public function schema(): array {
		return array(
			'key_rotation_days' => array(
				'description' => __( 'Rotate the signing keys automatically once they are this many days old (7 to 365); 0 = never.', 'keystone-oidc' ),
				'type'        => 'integer',
			),
		);
	}
}
