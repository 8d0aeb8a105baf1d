<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

/**
 * A MySQL/MariaDB named lock (`GET_LOCK`), held by this request's connection: what lets a
 * read-change-write of an option be done by one request at a time, also across web servers that
 * share the database. Released explicitly, or by the server when the connection ends.
 */
final class Named_Lock {
	/**
	 * @return bool False when another connection held it for all of `$timeout` seconds.
	 */
	public static function acquire( string $name, int $timeout ): bool {
		if ( self::serialized_by_the_database() ) {
			return true;
		}
		global $wpdb;
		$got = $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK(%s, %d)', self::server_name( $name ), $timeout ) );
		Database_Error::throw_if_failed( 'Taking a lock' );
		return '1' === (string) $got;
	}

	public static function release( string $name ): void {
		if ( self::serialized_by_the_database() ) {
			return;
		}
		global $wpdb;
		$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', self::server_name( $name ) ) );
	}

	/**
	 * SQLite (the SQLite integration WordPress Playground runs on) lets one writer at a time at
	 * the database file, and its `GET_LOCK` is a placeholder that answers `1=1`, never `1`.
	 */
	private static function serialized_by_the_database(): bool {
		return defined( 'DB_ENGINE' ) && 'sqlite' === DB_ENGINE;
	}

	/**
	 * Lock names are global to the database server, which may hold other sites: the name carries
	 * the database and table prefix, hashed to fit the 64 characters a name may have.
	 */
	private static function server_name( string $name ): string {
		global $wpdb;
		return 'keystone_oidc_' . substr( hash( 'sha256', DB_NAME . '|' . $wpdb->prefix . '|' . $name ), 0, 40 );
	}
}
