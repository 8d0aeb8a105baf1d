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
		return ! $wpdb->check_connection( false );
	}
}
