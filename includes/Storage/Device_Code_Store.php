<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

use Keystone_OIDC\Models\Device_Authorization;

/**
 * Device authorization requests (RFC 8628), found only by the hash of the device code or of the
 * user code. Each change of status is conditional on the status before it, so of any number of
 * concurrent decisions or redemptions exactly one wins.
 */
interface Device_Code_Store {
	/**
	 * False when another request holds the same user code (the caller draws a new one).
	 */
	public function insert( Device_Authorization $authorization ): bool;

	public function find( string $device_code_hash ): ?Device_Authorization;

	public function find_by_user_code( string $user_code_hash ): ?Device_Authorization;

	/**
	 * Records a poll of the token endpoint and the interval the device must keep from now on.
	 */
	public function record_poll( string $device_code_hash, int $now, int $poll_interval ): void;

	/**
	 * Moves a pending request to `approved` or `denied` by this user. True for exactly one caller.
	 */
	public function decide( string $device_code_hash, string $status, int $user_id, int $auth_time ): bool;

	/**
	 * Moves an approved request to `redeemed`. True for exactly one caller, however many race.
	 */
	public function redeem( string $device_code_hash ): bool;

	/**
	 * Deletes up to `$limit` expired requests; returns how many.
	 */
	public function delete_expired( int $now, int $limit ): int;
}
