<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

/**
 * The `jti` values of client assertions already accepted (RFC 7523 §3, item 7), each kept until
 * the assertion it came with could no longer be accepted anyway.
 */
interface Assertion_Jti_Store {
	/**
	 * Records a client's `jti` unless it is already recorded and not yet expired. Exactly one of
	 * two concurrent calls with the same pair succeeds.
	 *
	 * @param int $expires_at Unix time after which the same `jti` could not be replayed anyway.
	 * @return bool True the first time; false for a replay.
	 */
	public function use_once( string $client_id, string $jti, int $expires_at, int $now ): bool;

	/**
	 * @return int How many expired entries were deleted (at most `$limit`).
	 */
	public function delete_expired( int $now, int $limit ): int;
}
