<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

/**
 * SQL for the pending consent requests of one user, which live as transients named
 * `{prefix}{user_id}_{id}`: which of them the options table holds, oldest first. Read only when
 * a consent screen is shown, never on an ordinary page view. With a persistent object cache
 * transients never reach the options table, and the cache's own eviction bounds them.
 */
final class Pending_Request_Index {
	/**
	 * @return string[] The request IDs, the one expiring first (so created first) first.
	 */
	public static function oldest_first( string $name_prefix ): array {
		global $wpdb;
		$timeout_prefix = '_transient_timeout_' . $name_prefix;
		$names          = $wpdb->get_col(
			$wpdb->prepare(
				"SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s ORDER BY CAST(option_value AS UNSIGNED), option_id",
				$wpdb->esc_like( $timeout_prefix ) . '%'
			)
		);
		Database_Error::throw_if_failed( 'Reading the pending consent requests of a user' );
		$ids = array();
		foreach ( is_array( $names ) ? $names : array() as $name ) {
			$ids[] = substr( (string) $name, strlen( $timeout_prefix ) );
		}
		return $ids;
	}
}
