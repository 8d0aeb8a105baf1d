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
	 * lock ranges of the token table's grant index that other grants insert into), or when a
	 * Galera cluster refuses its commit because a transaction on another node changed the same
	 * rows first (certification conflict, also error 1213, raised at COMMIT).
	 */
	const ATTEMPTS = 3;

	/** @var Causal_Reads|null */
	private $causal_reads;

	/**
	 * @param Causal_Reads|null $causal_reads Lets an attempt after a lost certification see the
	 *                                        winner's commit (a replay is then refused as one).
	 */
	public function __construct( ?Causal_Reads $causal_reads = null ) {
		$this->causal_reads = $causal_reads;
	}

	/**
	 * Runs `$work` in a transaction at the server's isolation level (READ COMMITTED would refuse
	 * every write on servers that log statements). An `OAuth_Error` is a decision, not a failure (a
	 * replayed code revokes its family before saying so), so what led to it is committed; anything
	 * else rolls back, and a deadlock (at a statement or at COMMIT) runs `$work` again.
	 *
	 * @template T
	 * @param callable():T $work
	 * @return T
	 */
	public function run( callable $work ) {
		global $wpdb;
		for ( $attempt = 1; ; $attempt++ ) {
			if ( $attempt > 1 && null !== $this->causal_reads ) {
				$this->causal_reads->barrier();
			}
			self::query( 'START TRANSACTION', 'Starting a transaction' );
			$decision = null;
			try {
				try {
					$result = $work();
				} catch ( OAuth_Error $refused ) {
					$decision = $refused;
				}
				self::query( 'COMMIT', 'Committing a transaction' );
			} catch ( \Throwable $failure ) {
				$deadlock = self::lost_to_a_deadlock();
				$wpdb->query( 'ROLLBACK' );
				if ( $deadlock && $attempt < self::ATTEMPTS ) {
					continue;
				}
				throw $failure;
			}
			if ( null !== $decision ) {
				throw $decision;
			}
			return $result;
		}
	}

	/**
	 * Whether the last statement failed because InnoDB broke a deadlock or Galera refused the
	 * commit (1213), or InnoDB stopped waiting for a lock (1205): nothing is wrong with the grant,
	 * running it again succeeds or finds it already used.
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
