<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

use Keystone_OIDC\Models\Access_Token_Record;
use Keystone_OIDC\Models\Refresh_Token;
use Keystone_OIDC\Models\Stored_Token;
use Keystone_OIDC\Time\Clock;

/**
 * SQL for `{prefix}oidc_tokens`: refresh tokens (by the hash of their value) and access tokens (by
 * the hash of their `jti`). Every token of one authorization shares a `grant_id`, so a replayed code
 * or a reused refresh token revokes the whole family with one statement.
 */
final class Token_Repository implements Token_Store {
	const TYPE_ACCESS  = Stored_Token::TYPE_ACCESS;
	const TYPE_REFRESH = Stored_Token::TYPE_REFRESH;

	/**
	 * How long a revoked token's row is kept (so a late replay is still recognised) before cleanup.
	 */
	const REVOKED_RETENTION = DAY_IN_SECONDS;

	/** @var Clock */
	private $clock;

	public function __construct( Clock $clock ) {
		$this->clock = $clock;
	}

	public function insert( Stored_Token $token ): void {
		$this->insert_all( array( $token ) );
	}

	public function insert_all( array $tokens ): void {
		$rows = array();
		foreach ( $tokens as $token ) {
			$rows[] = array(
				'token_hash' => $token->token_hash,
				'type'       => $token->type(),
				'grant_id'   => $token->grant_id,
				'client_id'  => $token->client_id,
				'user_id'    => $token->user_id,
				'scope'      => $token->scope,
				'data'       => (string) wp_json_encode( $token->data->to_array() ),
				'expires_at' => $token->expires_at,
				'created_at' => $token->created_at,
			);
		}
		$formats = array_combine( array_keys( $rows[0] ), array( '%s', '%s', '%s', '%s', '%d', '%s', '%s', '%d', '%d' ) );
		if ( ! Insert::rows( Schema::tokens_table(), $rows, $formats ) ) {
			throw Database_Error::from_last_error( 'Storing a token' );
		}
	}

	public function find_access( string $token_hash ): ?Access_Token_Record {
		$token = $this->find( $token_hash, self::TYPE_ACCESS );
		return $token instanceof Access_Token_Record ? $token : null;
	}

	public function find_refresh( string $token_hash ): ?Refresh_Token {
		$token = $this->find( $token_hash, self::TYPE_REFRESH );
		return $token instanceof Refresh_Token ? $token : null;
	}

	private function find( string $token_hash, string $type ): ?Stored_Token {
		global $wpdb;
		$table = Schema::tokens_table();
		$row   = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$table} WHERE token_hash = %s AND type = %s", $token_hash, $type ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		Database_Error::throw_if_failed( 'Reading a token' );
		if ( ! is_array( $row ) || ! hash_equals( (string) $row['token_hash'], $token_hash ) ) {
			return null;
		}
		return self::token( $row );
	}

	public function unrevoked_for_user( int $user_id ): array {
		global $wpdb;
		$table = Schema::tokens_table();
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$table} WHERE user_id = %d AND revoked_at IS NULL", $user_id ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		Database_Error::throw_if_failed( 'Reading the tokens of a user' );
		return array_map( array( self::class, 'token' ), is_array( $rows ) ? $rows : array() );
	}

	public function consume_refresh( string $token_hash, int $now ): bool {
		global $wpdb;
		$table   = Schema::tokens_table();
		$updated = $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET used_at = %d WHERE token_hash = %s AND type = %s AND used_at IS NULL AND revoked_at IS NULL", $now, $token_hash, self::TYPE_REFRESH ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		if ( false === $updated ) {
			throw Database_Error::from_last_error( 'Rotating a refresh token' );
		}
		return 1 === $updated;
	}

	public function revoke_grant( string $grant_id ): int {
		return $this->revoke_where( 'grant_id = %s', array( $grant_id ) );
	}

	public function revoke_access( string $token_hash ): int {
		return $this->revoke_where( 'token_hash = %s AND type = %s', array( $token_hash, self::TYPE_ACCESS ) );
	}

	public function revoke_for_client( string $client_id ): int {
		return $this->revoke_where( 'client_id = %s', array( $client_id ) );
	}

	public function revoke_for_user_and_client( int $user_id, string $client_id ): int {
		return $this->revoke_where( 'user_id = %d AND client_id = %s', array( $user_id, $client_id ) );
	}

	public function revoke_all(): int {
		return $this->revoke_where( '1 = %d', array( 1 ) );
	}

	/**
	 * Rotated refresh tokens stay until they expire, so their reuse is still detected. Expired rows
	 * are found through the expires_at index; rows revoked long enough ago, which no index serves,
	 * only once no expired row is left in this batch (the read takes no lock either way).
	 */
	public function delete_expired( int $now, int $limit ): int {
		$table   = Schema::tokens_table();
		$deleted = Expired_Rows::delete( $table, 'expires_at < %d', array( $now ), 'expires_at', $limit, 'Deleting expired tokens' );
		if ( $deleted < $limit ) {
			$deleted += Expired_Rows::delete( $table, 'revoked_at < %d', array( $now - self::REVOKED_RETENTION ), '', $limit - $deleted, 'Deleting revoked tokens' );
		}
		return $deleted;
	}

	/**
	 * @param array<int,string|int> $args
	 */
	private function revoke_where( string $condition, array $args ): int {
		global $wpdb;
		$table   = Schema::tokens_table();
		$updated = $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET revoked_at = %d WHERE revoked_at IS NULL AND {$condition}", array_merge( array( $this->clock->now() ), $args ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and condition are ours.
		if ( false === $updated ) {
			throw Database_Error::from_last_error( 'Revoking tokens' );
		}
		return (int) $updated;
	}

	/**
	 * @param array<string,mixed> $row As MariaDB returns it: every column a string or null.
	 */
	private static function token( array $row ): Stored_Token {
		foreach ( array( 'user_id', 'expires_at', 'created_at' ) as $column ) {
			$row[ $column ] = (int) $row[ $column ];
		}
		foreach ( array( 'token_hash', 'grant_id', 'client_id', 'scope' ) as $column ) {
			$row[ $column ] = (string) $row[ $column ];
		}
		return Stored_Token::of_type( Row_Values::decoded( $row ) );
	}
}
