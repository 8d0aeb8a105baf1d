<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

use Keystone_OIDC\Http\OAuth_Error;

/**
 * One grant, one transaction: a code or refresh token is marked used together with the tokens it
 * buys, or not at all. A database lost halfway (a crash, a restart) then leaves no used code
 * without its tokens, and the client may simply try again once it is back.
 */
final class Transaction {
	/**
	 * Runs `$work` in a transaction. An `OAuth_Error` is a decision, not a failure (a replayed code
	 * revokes its family before saying so), so what led to it is committed; anything else rolls back.
	 *
	 * @template T
	 * @param callable():T $work
	 * @return T
	 */
	public static function run( callable $work ) {
		global $wpdb;
		// Locks only the rows a grant touches (no gap locks between concurrent grants), and reads
		// see what the others committed.
		self::query( 'SET TRANSACTION ISOLATION LEVEL READ COMMITTED', 'Choosing the isolation level' );
		self::query( 'START TRANSACTION', 'Starting a transaction' );
		try {
			$result = $work();
		} catch ( OAuth_Error $decision ) {
			self::query( 'COMMIT', 'Committing a transaction' );
			throw $decision;
		} catch ( \Throwable $failure ) {
			$wpdb->query( 'ROLLBACK' );
			throw $failure;
		}
		self::query( 'COMMIT', 'Committing a transaction' );
		return $result;
	}

	private static function query( string $sql, string $operation ): void {
		global $wpdb;
		if ( false === $wpdb->query( $sql ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- fixed statements.
			throw Database_Error::from_last_error( $operation );
		}
	}
}
