<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

/**
 * A query failed. Repositories throw it instead of returning a value that looks like "not found",
 * so a database problem is never mistaken for an invalid code or token.
 */
final class Database_Error extends \RuntimeException {
	public static function from_last_error( string $operation ): self {
		global $wpdb;
		return new self( $operation . ' failed: ' . (string) $wpdb->last_error );
	}

	/**
	 * Throws when the last query failed. A read that failed must not look like "no such row":
	 * `$wpdb` answers null both ways, and nothing at all once the connection is gone.
	 */
	public static function throw_if_failed( string $operation ): void {
		global $wpdb;
		if ( '' !== $wpdb->last_error || ! $wpdb->ready ) {
			throw self::from_last_error( $operation );
		}
	}

	/**
	 * Whether the database is unreachable (an outage, answered 503) rather than a query being wrong.
	 */
	public static function is_outage(): bool {
		global $wpdb;
		return self::node_not_ready() || ! $wpdb->check_connection( false );
	}

	/**
	 * A Galera node that is connected but not part of the primary component (cut off from the
	 * others, or still joining) refuses every statement with 1047 "WSREP has not yet prepared node
	 * for application use": for the client that is the same outage as a server that is gone.
	 */
	private static function node_not_ready(): bool {
		global $wpdb;
		$link = $wpdb->dbh;
		return $link instanceof \mysqli && 1047 === mysqli_errno( $link );
	}
}
