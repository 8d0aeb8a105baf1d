<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

use Keystone_OIDC\Clock;

/**
 * SQL for `{prefix}oidc_tokens`: refresh tokens (by the hash of their value) and access tokens (by
 * the hash of their `jti`). Every token of one authorization shares a `grant_id`, so a replayed code
 * or a reused refresh token revokes the whole family with one statement.
 */
final class Token_Repository {
	const TYPE_ACCESS  = 'access';
	const TYPE_REFRESH = 'refresh';

	/**
	 * How long a revoked token's row is kept (so a late replay is still recognised) before cleanup.
	 */
	const REVOKED_RETENTION = DAY_IN_SECONDS;

	/**
	 * @param array{token_hash: string, type: string, grant_id: string, client_id: string, user_id: int, scope: string, data: array<string,mixed>, expires_at: int, created_at: int} $token
	 */
	public static function insert( array $token ): void {
		$row     = array(
			'token_hash' => $token['token_hash'],
			'type'       => $token['type'],
			'grant_id'   => $token['grant_id'],
			'client_id'  => $token['client_id'],
			'user_id'    => $token['user_id'],
			'scope'      => $token['scope'],
			'data'       => (string) wp_json_encode( $token['data'] ),
			'expires_at' => $token['expires_at'],
			'created_at' => $token['created_at'],
		);
		$formats = array_combine( array_keys( $row ), array( '%s', '%s', '%s', '%s', '%d', '%s', '%s', '%d', '%d' ) );
		if ( ! Insert::row( Schema::tokens_table(), $row, $formats ) ) {
			throw Database_Error::from_last_error( 'Storing a token' );
		}
	}

	/**
	 * @return array<string,mixed>|null The row with integer times and decoded `data`.
	 */
	public static function find( string $token_hash, string $type ): ?array {
		global $wpdb;
		$table = Schema::tokens_table();
		$row   = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$table} WHERE token_hash = %s AND type = %s", $token_hash, $type ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		Database_Error::throw_if_failed( 'Reading a token' );
		if ( ! is_array( $row ) || ! hash_equals( (string) $row['token_hash'], $token_hash ) ) {
			return null;
		}
		foreach ( array( 'user_id', 'expires_at', 'created_at' ) as $column ) {
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
	 * The user's tokens not yet revoked: what a sign-out has to find by the session in `data`.
	 *
	 * @return array<int,array{grant_id: string, client_id: string, type: string, scope: string, data: array<string,mixed>}>
	 */
	public static function unrevoked_for_user( int $user_id ): array {
		global $wpdb;
		$table = Schema::tokens_table();
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT grant_id, client_id, type, scope, data FROM {$table} WHERE user_id = %d AND revoked_at IS NULL", $user_id ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		Database_Error::throw_if_failed( 'Reading the tokens of a user' );
		$tokens = array();
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$data     = json_decode( (string) $row['data'], true );
			$tokens[] = array(
				'grant_id'  => (string) $row['grant_id'],
				'client_id' => (string) $row['client_id'],
				'type'      => (string) $row['type'],
				'scope'     => (string) $row['scope'],
				'data'      => is_array( $data ) ? $data : array(),
			);
		}
		return $tokens;
	}

	/**
	 * Marks a refresh token rotated. True for exactly one caller, however many race for it.
	 */
	public static function consume_refresh( string $token_hash, int $now ): bool {
		global $wpdb;
		$table   = Schema::tokens_table();
		$updated = $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET used_at = %d WHERE token_hash = %s AND type = %s AND used_at IS NULL AND revoked_at IS NULL", $now, $token_hash, self::TYPE_REFRESH ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		if ( false === $updated ) {
			throw Database_Error::from_last_error( 'Rotating a refresh token' );
		}
		return 1 === $updated;
	}

	/**
	 * Revokes every token descending from one authorization.
	 *
	 * @return int How many tokens were revoked.
	 */
	public static function revoke_grant( string $grant_id ): int {
		return self::revoke_where( 'grant_id = %s', array( $grant_id ) );
	}

	/**
	 * Revokes one token alone (RFC 7009: an access token revoked by its client; its family lives on).
	 *
	 * @return int How many tokens were revoked.
	 */
	public static function revoke_token( string $token_hash, string $type ): int {
		return self::revoke_where( 'token_hash = %s AND type = %s', array( $token_hash, $type ) );
	}

	/**
	 * @return int How many tokens were revoked.
	 */
	public static function revoke_for_client( string $client_id ): int {
		return self::revoke_where( 'client_id = %s', array( $client_id ) );
	}

	/**
	 * @return int How many tokens were revoked.
	 */
	public static function revoke_for_user_and_client( int $user_id, string $client_id ): int {
		return self::revoke_where( 'user_id = %d AND client_id = %s', array( $user_id, $client_id ) );
	}

	/**
	 * @return int How many tokens were revoked.
	 */
	public static function revoke_all(): int {
		return self::revoke_where( '1 = %d', array( 1 ) );
	}

	/**
	 * Deletes up to `$limit` tokens that expired before `$now` or were revoked more than a day
	 * before it. Rotated refresh tokens stay until they expire, so their reuse is still detected.
	 *
	 * @return int How many tokens were deleted.
	 */
	public static function delete_expired( int $now, int $limit ): int {
		global $wpdb;
		$table   = Schema::tokens_table();
		$deleted = $wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE expires_at < %d OR revoked_at < %d LIMIT %d", $now, $now - self::REVOKED_RETENTION, $limit ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		if ( false === $deleted ) {
			throw Database_Error::from_last_error( 'Deleting expired tokens' );
		}
		return (int) $deleted;
	}

	/**
	 * @param array<int,string|int> $args
	 */
	private static function revoke_where( string $condition, array $args ): int {
		global $wpdb;
		$table   = Schema::tokens_table();
		$updated = $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET revoked_at = %d WHERE revoked_at IS NULL AND {$condition}", array_merge( array( Clock::now() ), $args ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and condition are ours.
		if ( false === $updated ) {
			throw Database_Error::from_last_error( 'Revoking tokens' );
		}
		return (int) $updated;
	}
}
