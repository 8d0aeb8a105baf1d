<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

use Keystone_OIDC\Models\Device_Authorization;

/**
 * SQL for `{prefix}oidc_device_codes`. Status changes are single conditional UPDATEs: inside the
 * token endpoint's transaction the row lock makes a second redemption wait for the first and then
 * match no row.
 */
final class Device_Code_Repository implements Device_Code_Store {
	public function insert( Device_Authorization $authorization ): bool {
		$row     = array(
			'device_code_hash' => $authorization->device_code_hash,
			'user_code_hash'   => $authorization->user_code_hash,
			'client_id'        => $authorization->client_id,
			'scope'            => $authorization->scope,
			'resources'        => (string) wp_json_encode( array_values( $authorization->resources ) ),
			'status'           => $authorization->status,
			'grant_id'         => $authorization->grant_id,
			'poll_interval'    => $authorization->poll_interval,
			'expires_at'       => $authorization->expires_at,
			'created_at'       => $authorization->created_at,
		);
		$formats = array_combine( array_keys( $row ), array( '%s', '%s', '%s', '%s', '%s', '%s', '%s', '%d', '%d', '%d' ) );
		if ( Insert::row( Schema::device_codes_table(), $row, $formats ) ) {
			return true;
		}
		if ( null !== $this->find_by_user_code( $authorization->user_code_hash ) ) {
			return false;
		}
		throw Database_Error::from_last_error( 'Storing a device authorization request' );
	}

	public function find( string $device_code_hash ): ?Device_Authorization {
		return $this->find_by( 'device_code_hash', $device_code_hash );
	}

	public function find_by_user_code( string $user_code_hash ): ?Device_Authorization {
		return $this->find_by( 'user_code_hash', $user_code_hash );
	}

	public function record_poll( string $device_code_hash, int $now, int $poll_interval ): void {
		global $wpdb;
		$table = Schema::device_codes_table();
		if ( false === $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET last_polled_at = %d, poll_interval = %d WHERE device_code_hash = %s", $now, $poll_interval, $device_code_hash ) ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
			throw Database_Error::from_last_error( 'Recording a device poll' );
		}
	}

	public function decide( string $device_code_hash, string $status, int $user_id, int $auth_time ): bool {
		global $wpdb;
		$table   = Schema::device_codes_table();
		$updated = $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET status = %s, user_id = %d, auth_time = %d WHERE device_code_hash = %s AND status = %s", $status, $user_id, $auth_time, $device_code_hash, Device_Authorization::PENDING ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		if ( false === $updated ) {
			throw Database_Error::from_last_error( 'Recording a device authorization decision' );
		}
		return 1 === $updated;
	}

	public function redeem( string $device_code_hash ): bool {
		global $wpdb;
		$table   = Schema::device_codes_table();
		$updated = $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET status = %s WHERE device_code_hash = %s AND status = %s", Device_Authorization::REDEEMED, $device_code_hash, Device_Authorization::APPROVED ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		if ( false === $updated ) {
			throw Database_Error::from_last_error( 'Redeeming a device code' );
		}
		return 1 === $updated;
	}

	public function delete_expired( int $now, int $limit ): int {
		return Expired_Rows::delete( Schema::device_codes_table(), 'expires_at < %d', array( $now ), 'expires_at', $limit, 'Deleting expired device codes' );
	}

	/**
	 * @param string $column `device_code_hash` or `user_code_hash`, both unique.
	 */
	private function find_by( string $column, string $hash ): ?Device_Authorization {
		global $wpdb;
		$table = Schema::device_codes_table();
		$row   = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$table} WHERE {$column} = %s", $hash ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table and column names are ours.
		Database_Error::throw_if_failed( 'Reading a device authorization request' );
		if ( ! is_array( $row ) || ! hash_equals( (string) $row[ $column ], $hash ) ) {
			return null;
		}
		foreach ( array( 'poll_interval', 'expires_at', 'created_at' ) as $name ) {
			$row[ $name ] = (int) $row[ $name ];
		}
		foreach ( array( 'user_id', 'auth_time', 'last_polled_at' ) as $name ) {
			$row[ $name ] = null === $row[ $name ] ? null : (int) $row[ $name ];
		}
		$resources        = json_decode( (string) $row['resources'], true );
		$row['resources'] = is_array( $resources ) ? array_values( array_filter( $resources, 'is_string' ) ) : array();
		return Device_Authorization::from_row( $row );
	}
}
