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
	 * Attempts of one grant when InnoDB picks it to break a deadlock (grants revoking a family
	 * lock ranges of the token table's grant index that other grants insert into).
	 */
	const ATTEMPTS = 3;

	/**
	 * Runs `$work` in a transaction at the server's isolation level (READ COMMITTED would refuse
	 * every write on servers that log statements). An `OAuth_Error` is a decision, not a failure (a
	 * replayed code revokes its family before saying so), so what led to it is committed; anything
	 * else rolls back, and a deadlock runs `$work` again.
	 *
	 * @template T
	 * @param callable():T $work
	 * @return T
	 */
	public function run( callable $work ) {
		global $wpdb;
		for ( $attempt = 1; ; $attempt++ ) {
			self::query( 'START TRANSACTION', 'Starting a transaction' );
			try {
				$result = $work();
			} catch ( OAuth_Error $decision ) {
				self::query( 'COMMIT', 'Committing a transaction' );
				throw $decision;
			} catch ( \Throwable $failure ) {
				$deadlock = self::lost_to_a_deadlock();
				$wpdb->query( 'ROLLBACK' );
				if ( $deadlock && $attempt < self::ATTEMPTS ) {
					continue;
				}
				throw $failure;
			}
			self::query( 'COMMIT', 'Committing a transaction' );
			return $result;
		}
	}

	/**
	 * Whether the last statement failed because InnoDB broke a deadlock (1213) or stopped waiting
	 * for a lock (1205): nothing is wrong with the grant, running it again succeeds.
	 */
	private static function lost_to_a_deadlock(): bool {
		global $wpdb;
		$link = $wpdb->dbh;
		return $link instanceof \mysqli && in_array( mysqli_errno( $link ), array( 1205, 1213 ), true );
	}

	private static function query( string $sql, string $operation ): void {
		global $wpdb;
		if ( false === $wpdb->query( $sql ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- fixed statements.
			throw Database_Error::from_last_error( $operation );
		}
	}
}
