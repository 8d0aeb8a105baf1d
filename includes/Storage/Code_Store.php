<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

use Keystone_OIDC\Models\Code;

/**
 * Authorization codes, found only by the hash of their value. `consume` is the one place a code is
 * redeemed: of any number of concurrent redemptions exactly one wins.
 */
interface Code_Store {
	public function insert( Code $code ): void;

	public function find( string $code_hash ): ?Code;

	/**
	 * Marks the code used. True for exactly one caller, however many race for the same code.
	 */
	public function consume( string $code_hash, int $now ): bool;

	/**
	 * Records that a code was presented again. On one server a redemption still under way holds the
	 * row, so this waits for its commit; on a Galera cluster the redemption notices it afterwards
	 * (`is_replayed`, `Storage\Replication`).
	 */
	public function mark_replayed( string $code_hash, int $now ): void;

	/**
	 * Whether the code was revoked or deleted since it was read.
	 */
	public function is_replayed( string $code_hash ): bool;

	/**
	 * The user's codes still waiting to be redeemed: what a sign-out has to find by the session.
	 *
	 * @return Code[]
	 */
	public function unused_for_user( int $user_id, int $now ): array;

	/**
	 * @return int How many codes were deleted.
	 */
	public function delete_for_client( string $client_id ): int;

	/**
	 * @return int How many codes were deleted.
	 */
	public function delete_for_user_and_client( int $user_id, string $client_id ): int;

	/**
	 * Deletes up to `$limit` codes that expired before `$now`.
	 *
	 * @return int How many codes were deleted.
	 */
	public function delete_expired( int $now, int $limit ): int;
}
