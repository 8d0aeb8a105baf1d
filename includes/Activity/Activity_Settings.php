<?php
declare(strict_types=1);

namespace Keystone_OIDC\Activity;

use Keystone_OIDC\Settings\Setting_Group;
use WP_Error;

/**
 * `activity_retention_days`: how long the activity log keeps an entry before the hourly cleanup
 * deletes it. Not autoloaded: only the cleanup job reads it.
 */
final class Activity_Settings implements Setting_Group {
	const OPTION       = 'keystone_oidc_activity_retention_days';
	const DEFAULT_DAYS = 90;
	const MIN_DAYS     = 1;
	const MAX_DAYS     = 3650;

	public static function retention_days(): int {
		$days = get_option( self::OPTION, self::DEFAULT_DAYS );
		return is_numeric( $days ) ? max( self::MIN_DAYS, min( self::MAX_DAYS, (int) $days ) ) : self::DEFAULT_DAYS;
	}

	public function fields(): array {
		return array( 'activity_retention_days' );
	}

	public function to_array(): array {
		return array( 'activity_retention_days' => self::retention_days() );
	}

	public function validate( array $body ) {
		$days = $body['activity_retention_days'] ?? null;
		if ( array_key_exists( 'activity_retention_days', $body ) && ! ( is_int( $days ) && $days >= self::MIN_DAYS && $days <= self::MAX_DAYS ) ) {
			return new WP_Error(
				'keystone_oidc_invalid_activity_retention_days',
				/* translators: 1: the fewest days, 2: the most days. */
				sprintf( __( 'activity_retention_days must be a whole number of days from %1$d to %2$d.', 'keystone-oidc' ), self::MIN_DAYS, self::MAX_DAYS ),
				array( 'status' => 400 )
			);
		}
		return null;
	}

	public function save( array $body ): void {
		if ( array_key_exists( 'activity_retention_days', $body ) ) {
			update_option( self::OPTION, $body['activity_retention_days'], false );
		}
	}

	public function schema(): array {
		return array(
			'activity_retention_days' => array(
				'description' => __( 'Days the activity log keeps an entry before the hourly cleanup deletes it.', 'keystone-oidc' ),
				'type'        => 'integer',
				'minimum'     => self::MIN_DAYS,
				'maximum'     => self::MAX_DAYS,
			),
		);
	}
}
