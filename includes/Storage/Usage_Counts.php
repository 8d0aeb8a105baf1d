<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

/**
 * How much the provider holds, for `wp oidc status`: read on demand only, never on a request.
 */
final class Usage_Counts {
	/**
	 * Tokens neither expired nor revoked, by type (`access`, `refresh`).
	 *
	 * @return array<string,int>
	 */
	public static function active_tokens( int $now ): array {
		global $wpdb;
		$table  = Schema::tokens_table();
		$rows   = $wpdb->get_results( $wpdb->prepare( "SELECT type, COUNT(*) AS total FROM {$table} WHERE revoked_at IS NULL AND expires_at >= %d GROUP BY type", $now ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		$counts = array(
			Token_Repository::TYPE_ACCESS  => 0,
			Token_Repository::TYPE_REFRESH => 0,
		);
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$counts[ (string) $row['type'] ] = (int) $row['total'];
		}
		return $counts;
	}

	/**
	 * Remembered consents: one per user and client.
	 */
	public static function consents(): int {
		global $wpdb;
		$table = Schema::consents_table();
		return (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours, no input.
	}
}
