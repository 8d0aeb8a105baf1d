<?php
declare(strict_types=1);

namespace Keystone_OIDC\Cron;

use Keystone_OIDC\Clock;
use Keystone_OIDC\Container;
use Keystone_OIDC\Storage\Code_Repository;
use Keystone_OIDC\Storage\Token_Repository;

/**
 * The hourly job: deletes expired codes, expired or long-revoked tokens, and retired keys no token
 * can need. Rows go in bounded batches so one run never holds a long lock or outlives a request;
 * what is left waits for the next run.
 */
final class Cleanup {
	const BATCH_SIZE  = 1000;
	const MAX_BATCHES = 20;

	/**
	 * @return array{codes: int, tokens: int, keys: int} How many of each were removed.
	 */
	public static function run(): array {
		$now = Clock::now();
		return array(
			'codes'  => self::in_batches(
				static function ( int $limit ) use ( $now ): int {
					return Code_Repository::delete_expired( $now, $limit );
				}
			),
			'tokens' => self::in_batches(
				static function ( int $limit ) use ( $now ): int {
					return Token_Repository::delete_expired( $now, $limit );
				}
			),
			'keys'   => Container::site()->key_store()->prune(),
		);
	}

	/**
	 * @param callable(int):int $delete_batch Deletes up to the given number of rows, returns how many.
	 */
	private static function in_batches( callable $delete_batch ): int {
		$total = 0;
		for ( $batch = 0; $batch < self::MAX_BATCHES; $batch++ ) {
			$deleted = $delete_batch( self::BATCH_SIZE );
			$total  += $deleted;
			if ( $deleted < self::BATCH_SIZE ) {
				break;
			}
		}
		return $total;
	}
}
