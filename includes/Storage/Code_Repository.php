<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

use Keystone_OIDC\Models\Code;

/**
 * SQL for `{prefix}oidc_auth_codes`. A code is found only by the hash of its value; redeeming it is
 * one conditional UPDATE, so of any number of concurrent redemptions exactly one wins.
 */
final class Code_Repository implements Code_Store {
	public function insert( Code $code ): void {
		$row     = array(
			'code_hash'             => $code->code_hash,
			'client_id'             => $code->client_id,
			'user_id'               => $code->user_id,
			'redirect_uri'          => $code->redirect_uri,
			'scope'                 => $code->scope,
			'nonce'                 => $code->nonce,
			'code_challenge'        => $code->code_challenge,
			'code_challenge_method' => $code->code_challenge_method,
			'auth_time'             => $code->auth_time,
			'grant_id'              => $code->grant_id,
			'data'                  => (string) wp_json_encode( $code->data->to_array() ),
			'expires_at'            => $code->expires_at,
			'created_at'            => $code->created_at,
		);
		$formats = array_combine( array_keys( $row ), array( '%s', '%s', '%d', '%s', '%s', '%s', '%s', '%s', '%d', '%s', '%s', '%d', '%d' ) );
		if ( ! Insert::row( Schema::codes_table(), $row, $formats ) ) {
			throw Database_Error::from_last_error( 'Storing an authorization code' );
		}
	}

	public function find( string $code_hash ): ?Code {
		global $wpdb;
		$table = Schema::codes_table();
		$row   = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$table} WHERE code_hash = %s", $code_hash ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		Database_Error::throw_if_failed( 'Reading an authorization code' );
		if ( ! is_array( $row ) || ! hash_equals( (string) $row['code_hash'], $code_hash ) ) {
			return null;
		}
		return self::code( $row );
	}

	/**
	 * There is no index by user, but only codes of the last minutes are not yet expired.
	 */
	public function unused_for_user( int $user_id, int $now ): array {
		global $wpdb;
		$table = Schema::codes_table();
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$table} WHERE expires_at > %d AND user_id = %d AND used_at IS NULL AND revoked_at IS NULL", $now, $user_id ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		Database_Error::throw_if_failed( 'Reading the codes of a user' );
		return array_map( array( self::class, 'code' ), is_array( $rows ) ? $rows : array() );
	}

	public function consume( string $code_hash, int $now ): bool {
		global $wpdb;
		$table   = Schema::codes_table();
		$updated = $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET used_at = %d WHERE code_hash = %s AND used_at IS NULL AND revoked_at IS NULL", $now, $code_hash ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		if ( false === $updated ) {
			throw Database_Error::from_last_error( 'Redeeming an authorization code' );
		}
		return 1 === $updated;
	}

	public function mark_replayed( string $code_hash, int $now ): void {
		global $wpdb;
		$table = Schema::codes_table();
		if ( false === $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET revoked_at = %d WHERE code_hash = %s AND revoked_at IS NULL", $now, $code_hash ) ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
			throw Database_Error::from_last_error( 'Revoking an authorization code' );
		}
	}

	public function is_replayed( string $code_hash ): bool {
		$code = $this->find( $code_hash );
		return null === $code || null !== $code->revoked_at;
	}

	public function delete_for_client( string $client_id ): int {
		global $wpdb;
		$deleted = $wpdb->delete( Schema::codes_table(), array( 'client_id' => $client_id ), array( '%s' ) );
		if ( false === $deleted ) {
			throw Database_Error::from_last_error( 'Deleting the codes of a client' );
		}
		return (int) $deleted;
	}

	/**
	 * A deleted code is no longer redeemable. On one server a redemption already under way holds the
	 * code's row lock, so the delete waits for its commit; on a Galera cluster the redemption reads
	 * the code again after issuing, sees it gone and revokes what it issued (`is_replayed`).
	 */
	public function delete_for_user_and_client( int $user_id, string $client_id ): int {
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
	 * Used codes stay until they expire, so a replay is still recognised as one.
	 */
	public function delete_expired( int $now, int $limit ): int {
		return Expired_Rows::delete( Schema::codes_table(), 'expires_at < %d', array( $now ), 'expires_at', $limit, 'Deleting expired codes' );
	}

	/**
	 * @param array<string,mixed> $row As MariaDB returns it: every column a string or null.
	 */
	private static function code( array $row ): Code {
		foreach ( array( 'user_id', 'auth_time', 'expires_at', 'created_at' ) as $column ) {
			$row[ $column ] = (int) $row[ $column ];
		}
		foreach ( array( 'code_hash', 'client_id', 'redirect_uri', 'scope', 'grant_id' ) as $column ) {
			$row[ $column ] = (string) $row[ $column ];
		}
		return Code::from_row( Row_Values::decoded( $row ) );
	}
}
