<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

/**
 * SQL for `{prefix}oidc_auth_codes`. A code is found only by the hash of its value; redeeming it is
 * one conditional UPDATE, so of any number of concurrent redemptions exactly one wins.
 */
final class Code_Repository {
	/**
	 * @param array{code_hash: string, client_id: string, user_id: int, redirect_uri: string, scope: string, nonce: ?string, code_challenge: ?string, code_challenge_method: ?string, auth_time: int, grant_id: string, data: array<string,mixed>, expires_at: int, created_at: int} $code
	 */
	public static function insert( array $code ): void {
		$row     = array(
			'code_hash'             => $code['code_hash'],
			'client_id'             => $code['client_id'],
			'user_id'               => $code['user_id'],
			'redirect_uri'          => $code['redirect_uri'],
			'scope'                 => $code['scope'],
			'nonce'                 => $code['nonce'],
			'code_challenge'        => $code['code_challenge'],
			'code_challenge_method' => $code['code_challenge_method'],
			'auth_time'             => $code['auth_time'],
			'grant_id'              => $code['grant_id'],
			'data'                  => (string) wp_json_encode( $code['data'] ),
			'expires_at'            => $code['expires_at'],
			'created_at'            => $code['created_at'],
		);
		$formats = array_combine( array_keys( $row ), array( '%s', '%s', '%d', '%s', '%s', '%s', '%s', '%s', '%d', '%s', '%s', '%d', '%d' ) );
		if ( ! Insert::row( Schema::codes_table(), $row, $formats ) ) {
			throw Database_Error::from_last_error( 'Storing an authorization code' );
		}
	}

	/**
	 * @return array<string,mixed>|null The row with integer times and decoded `data`.
	 */
	public static function find( string $code_hash ): ?array {
		global $wpdb;
		$table = Schema::codes_table();
		$row   = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$table} WHERE code_hash = %s", $code_hash ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		Database_Error::throw_if_failed( 'Reading an authorization code' );
		if ( ! is_array( $row ) || ! hash_equals( (string) $row['code_hash'], $code_hash ) ) {
			return null;
		}
		foreach ( array( 'user_id', 'auth_time', 'expires_at', 'created_at' ) as $column ) {
			$row[ $column ] = (int) $row[ $column ];
		}
		foreach ( array( 'used_at', 'revoked_at' ) as $column ) {
			$row[ $column ] = null === $row[ $column ] ? null : (int) $row[ $column ];
		}
		$data        = json_decode( (string) $row['data'], true );
		$row['data'] = is_array( $data ) ? $data : array();
		return $row;
	}

	/**
	 * The user's codes still waiting to be redeemed: what a sign-out has to find by the session in
	 * `data`. There is no index by user, but only codes of the last minutes are not yet expired.
	 *
	 * @return array<int,array{code_hash: string, data: array<string,mixed>}>
	 */
	public static function unused_for_user( int $user_id, int $now ): array {
		global $wpdb;
		$table = Schema::codes_table();
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT code_hash, data FROM {$table} WHERE expires_at > %d AND user_id = %d AND used_at IS NULL AND revoked_at IS NULL", $now, $user_id ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		Database_Error::throw_if_failed( 'Reading the codes of a user' );
		$codes = array();
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$data    = json_decode( (string) $row['data'], true );
			$codes[] = array(
				'code_hash' => (string) $row['code_hash'],
				'data'      => is_array( $data ) ? $data : array(),
			);
		}
		return $codes;
	}

	/**
	 * Marks the code used. True for exactly one caller, however many race for the same code.
	 */
	public static function consume( string $code_hash, int $now ): bool {
		global $wpdb;
		$table   = Schema::codes_table();
		$updated = $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET used_at = %d WHERE code_hash = %s AND used_at IS NULL AND revoked_at IS NULL", $now, $code_hash ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		if ( false === $updated ) {
			throw Database_Error::from_last_error( 'Redeeming an authorization code' );
		}
		return 1 === $updated;
	}

	/**
	 * Records that a code was presented again, so the request that redeemed it can notice even when
	 * the replay is seen before that request has stored its tokens.
	 */
	public static function mark_replayed( string $code_hash, int $now ): void {
		global $wpdb;
		$table = Schema::codes_table();
		if ( false === $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET revoked_at = %d WHERE code_hash = %s AND revoked_at IS NULL", $now, $code_hash ) ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
			throw Database_Error::from_last_error( 'Revoking an authorization code' );
		}
	}

	public static function is_replayed( string $code_hash ): bool {
		$code = self::find( $code_hash );
		return null === $code || null !== $code['revoked_at'];
	}

	/**
	 * @return int How many codes were deleted.
	 */
	public static function delete_for_client( string $client_id ): int {
		global $wpdb;
		$deleted = $wpdb->delete( Schema::codes_table(), array( 'client_id' => $client_id ), array( '%s' ) );
		if ( false === $deleted ) {
			throw Database_Error::from_last_error( 'Deleting the codes of a client' );
		}
		return (int) $deleted;
	}

	/**
	 * A deleted code is no longer redeemable, and a redemption already under way sees it gone and
	 * revokes what it issued (`is_replayed`).
	 *
	 * @return int How many codes were deleted.
	 */
	public static function delete_for_user_and_client( int $user_id, string $client_id ): int {
		global $wpdb;
		$deleted = $wpdb->delete(
			Schema::codes_table(),
			array(
				'user_id'   => $user_id,
				'client_id' => $client_id,
			),
			array( '%d', '%s' )
		);
		if ( false === $deleted ) {
			throw Database_Error::from_last_error( 'Deleting the codes of a user for a client' );
		}
		return (int) $deleted;
	}

	/**
	 * Deletes up to `$limit` codes that expired before `$now`. Used codes stay until they expire, so
	 * a replay is still recognised as one.
	 *
	 * @return int How many codes were deleted.
	 */
	public static function delete_expired( int $now, int $limit ): int {
		global $wpdb;
		$table   = Schema::codes_table();
		$deleted = $wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE expires_at < %d ORDER BY expires_at LIMIT %d", $now, $limit ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		if ( false === $deleted ) {
			throw Database_Error::from_last_error( 'Deleting expired codes' );
		}
		return (int) $deleted;
	}
}
