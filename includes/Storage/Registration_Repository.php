<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

use Keystone_OIDC\Registration\Dynamic_Registration;

/**
 * SQL for `{prefix}oidc_registrations`: what RFC 7591/7592 adds to a dynamically registered client
 * (its registration access token's hash, who registered it, when it was last used).
 */
final class Registration_Repository {
	const DAY = 86400;

	public function insert( Dynamic_Registration $registration ): bool {
		global $wpdb;
		return false !== $wpdb->insert(
			Schema::registrations_table(),
			array(
				'client_id'               => $registration->client_id,
				'registration_token_hash' => $registration->token_hash,
				'registered_by'           => $registration->registered_by,
				'registered_at'           => $registration->registered_at,
				'last_used_at'            => $registration->last_used_at,
			),
			array( '%s', '%s', '%s', '%d', '%d' )
		);
	}

	public function find( string $client_id ): ?Dynamic_Registration {
		global $wpdb;
		$table = Schema::registrations_table();
		$row   = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$table} WHERE client_id = %s", $client_id ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		// The column's collation is case-insensitive; a client_id is not.
		return is_array( $row ) && hash_equals( (string) $row['client_id'], $client_id ) ? self::from_row( $row ) : null;
	}

	/**
	 * Every registration by client_id, for the Clients screen.
	 *
	 * @return array<string,Dynamic_Registration>
	 */
	public function all(): array {
		global $wpdb;
		$table = Schema::registrations_table();
		$rows  = $wpdb->get_results( "SELECT * FROM {$table}", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours, no input.
		$all   = array();
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$all[ (string) $row['client_id'] ] = self::from_row( $row );
		}
		return $all;
	}

	public function replace_token( string $client_id, string $token_hash ): bool {
		global $wpdb;
		return false !== $wpdb->update( Schema::registrations_table(), array( 'registration_token_hash' => $token_hash ), array( 'client_id' => $client_id ), array( '%s' ), array( '%s' ) );
	}

	/**
	 * Records a use at most once a day: the row is written only when its last use is a day old,
	 * so a busy client costs one indexed no-op update per token request.
	 */
	public function record_use( string $client_id, int $now ): void {
		global $wpdb;
		$table = Schema::registrations_table();
		$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET last_used_at = %d WHERE client_id = %s AND last_used_at < %d", $now, $client_id, $now - self::DAY ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
	}

	/**
	 * How many clients open registration made: the cap of the loopback policy counts these.
	 */
	public function count_open(): int {
		global $wpdb;
		$table = Schema::registrations_table();
		return (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table} WHERE registered_by = ''" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours, no input.
	}

	/**
	 * @return string[] Client ids not used since `$before` (unix), at most `$limit`.
	 */
	public function idle_since( int $before, int $limit ): array {
		global $wpdb;
		$table = Schema::registrations_table();
		$ids   = $wpdb->get_col( $wpdb->prepare( "SELECT client_id FROM {$table} WHERE last_used_at < %d ORDER BY last_used_at LIMIT %d", $before, $limit ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		return array_map( 'strval', is_array( $ids ) ? $ids : array() );
	}

	public function delete( string $client_id ): void {
		global $wpdb;
		$wpdb->delete( Schema::registrations_table(), array( 'client_id' => $client_id ), array( '%s' ) );
	}

	/**
	 * @param array<string,mixed> $row
	 */
	private static function from_row( array $row ): Dynamic_Registration {
		$registration                = new Dynamic_Registration();
		$registration->client_id     = (string) $row['client_id'];
		$registration->token_hash    = (string) $row['registration_token_hash'];
		$registration->registered_by = (string) $row['registered_by'];
		$registration->registered_at = (int) $row['registered_at'];
		$registration->last_used_at  = (int) $row['last_used_at'];
		return $registration;
	}
}
