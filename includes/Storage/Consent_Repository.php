<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

use Keystone_OIDC\Checks\Scope;

/**
 * SQL for `{prefix}oidc_consents`: one row per user and client the user allowed, holding every
 * scope allowed so far (a space-separated list) and unix times.
 */
final class Consent_Repository {
	/**
	 * @return array{user_id: int, client_id: string, scopes: string[], created_at: int, updated_at: int}|null
	 */
	public static function find( int $user_id, string $client_id ): ?array {
		global $wpdb;
		$table = Schema::consents_table();
		$row   = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$table} WHERE user_id = %d AND client_id = %s", $user_id, $client_id ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		Database_Error::throw_if_failed( 'Reading a consent' );
		// The column's collation is case-insensitive; a client_id is not.
		if ( ! is_array( $row ) || ! hash_equals( (string) $row['client_id'], $client_id ) ) {
			return null;
		}
		return self::from_row( $row );
	}

	/**
	 * The user's consents, the most recently changed first.
	 *
	 * @return array<int,array{user_id: int, client_id: string, scopes: string[], created_at: int, updated_at: int}>
	 */
	public static function for_user( int $user_id ): array {
		global $wpdb;
		$table = Schema::consents_table();
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$table} WHERE user_id = %d ORDER BY updated_at DESC, id DESC", $user_id ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		Database_Error::throw_if_failed( 'Reading the consents of a user' );
		return array_map( array( self::class, 'from_row' ), is_array( $rows ) ? $rows : array() );
	}

	/**
	 * Creates the consent or replaces its scopes, in one statement, so two sign-ins finishing at
	 * the same moment cannot both insert.
	 *
	 * @param string[] $scopes
	 */
	public static function save( int $user_id, string $client_id, array $scopes, int $now ): void {
		global $wpdb;
		$table = Schema::consents_table();
		$saved = $wpdb->query(
			$wpdb->prepare(
				"INSERT INTO {$table} (user_id, client_id, scopes, created_at, updated_at) VALUES (%d, %s, %s, %d, %d) ON DUPLICATE KEY UPDATE scopes = VALUES(scopes), updated_at = VALUES(updated_at)", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
				$user_id,
				$client_id,
				Scope::to_string( $scopes ),
				$now,
				$now
			)
		);
		if ( false === $saved ) {
			throw Database_Error::from_last_error( 'Storing a consent' );
		}
	}

	/**
	 * @return bool Whether there was a consent to delete.
	 */
	public static function delete( int $user_id, string $client_id ): bool {
		global $wpdb;
		$deleted = $wpdb->delete(
			Schema::consents_table(),
			array(
				'user_id'   => $user_id,
				'client_id' => $client_id,
			),
			array( '%d', '%s' )
		);
		if ( false === $deleted ) {
			throw Database_Error::from_last_error( 'Deleting a consent' );
		}
		return $deleted > 0;
	}

	/**
	 * @return int How many consents were deleted.
	 */
	public static function delete_for_client( string $client_id ): int {
		return self::delete_where( array( 'client_id' => $client_id ), array( '%s' ) );
	}

	/**
	 * @return int How many consents were deleted.
	 */
	public static function delete_for_user( int $user_id ): int {
		return self::delete_where( array( 'user_id' => $user_id ), array( '%d' ) );
	}

	/**
	 * @param array<string,string|int> $where
	 * @param string[]                 $formats
	 */
	private static function delete_where( array $where, array $formats ): int {
		global $wpdb;
		$deleted = $wpdb->delete( Schema::consents_table(), $where, $formats );
		if ( false === $deleted ) {
			throw Database_Error::from_last_error( 'Deleting consents' );
		}
		return (int) $deleted;
	}

	/**
	 * @param array<string,mixed> $row
	 * @return array{user_id: int, client_id: string, scopes: string[], created_at: int, updated_at: int}
	 */
	private static function from_row( array $row ): array {
		return array(
			'user_id'    => (int) $row['user_id'],
			'client_id'  => (string) $row['client_id'],
			'scopes'     => Scope::parse( (string) $row['scopes'] ),
			'created_at' => (int) $row['created_at'],
			'updated_at' => (int) $row['updated_at'],
		);
	}
}
