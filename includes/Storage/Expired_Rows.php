<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

/**
 * One bounded batch of the cleanup: up to `$limit` rows matching `$condition` are deleted without
 * locking anything else. A `DELETE … WHERE expires_at < ? LIMIT ?` would lock every index entry it
 * walks, and the gaps between them, until it ends (with a condition no index serves, the whole
 * table): a grant redeeming a live code next to the expired ones would wait for it. Here the rows
 * are found with a plain read (a snapshot, no lock), then deleted by primary key, each still
 * checked against the condition in case it changed in between: only those rows are ever locked.
 */
final class Expired_Rows {
	/**
	 * @param string               $table     One of the plugin's tables (from `Schema`), with an `id` primary key.
	 * @param string               $condition SQL with placeholders, e.g. `expires_at < %d`.
	 * @param array<int,int>       $args      The condition's values.
	 * @param string               $order     The indexed column the oldest rows are found by, '' for none.
	 * @param int                  $limit     The batch size.
	 * @param string               $operation What failed, for the error.
	 * @return int The rows deleted.
	 * @throws Database_Error When a statement fails.
	 */
	public static function delete( string $table, string $condition, array $args, string $order, int $limit, string $operation ): int {
		global $wpdb;
		$order_by = '' === $order ? '' : " ORDER BY {$order}";
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table, condition and column are ours; values are placeholders.
		$ids = $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$table} WHERE {$condition}{$order_by} LIMIT %d", array_merge( $args, array( $limit ) ) ) );
		Database_Error::throw_if_failed( $operation );
		if ( ! is_array( $ids ) || array() === $ids ) {
			return 0;
		}
		$ids = implode( ', ', array_map( 'intval', $ids ) );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table and condition are ours; the ids are integers.
		$deleted = $wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE id IN ({$ids}) AND {$condition}", $args ) );
		if ( false === $deleted ) {
			throw Database_Error::from_last_error( $operation );
		}
		return (int) $deleted;
	}
}
