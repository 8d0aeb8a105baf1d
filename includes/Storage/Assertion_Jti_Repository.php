<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

/**
 * SQL for `{prefix}oidc_assertion_jtis`: a hash of client and `jti` under a unique key, so the
 * database itself lets only one of two concurrent replays in. A client may reuse a `jti` once its
 * earlier assertion has expired, so an expired entry of the same pair is dropped first.
 */
final class Assertion_Jti_Repository implements Assertion_Jti_Store {
	public function use_once( string $client_id, string $jti, int $expires_at, int $now ): bool {
		global $wpdb;
		$table = Schema::assertion_jtis_table();
		$hash  = self::hash( $client_id, $jti );
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE jti_hash = %s AND expires_at < %d", $hash, $now ) );
		// IGNORE: a duplicate is the answer (a replay), not an error for the log.
		$inserted = $wpdb->query(
			$wpdb->prepare(
				"INSERT IGNORE INTO {$table} (jti_hash, client_id, expires_at, created_at) VALUES (%s, %s, %d, %d)",
				$hash,
				$client_id,
				$expires_at,
				$now
			)
		);
		// phpcs:enable
		if ( false === $inserted ) {
			throw Database_Error::from_last_error( 'Recording a client assertion' );
		}
		return 1 === $inserted;
	}

	public function delete_expired( int $now, int $limit ): int {
		return Expired_Rows::delete( Schema::assertion_jtis_table(), 'expires_at < %d', array( $now ), 'expires_at', $limit, 'Deleting expired client assertions' );
	}

	/**
	 * One value for the pair: the same `jti` from two clients are two entries.
	 */
	private static function hash( string $client_id, string $jti ): string {
		return hash( 'sha256', $client_id . "\n" . $jti );
	}
}
