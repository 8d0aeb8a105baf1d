<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

/**
 * Authorization requests waiting for a user's consent decision, and the nonce that binds the
 * consent form to one of them (`Consent\Pending_Request` keeps them as transients).
 */
interface Pending_Consents {
	/**
	 * @param array<string,mixed> $request `Authorization_Request::to_array()`.
	 * @return string The request ID the consent form posts back.
	 */
	public function create( int $user_id, int $auth_time, array $request ): string;

	/**
	 * Removes and returns the user's pending request; null when unknown, expired, another user's
	 * or already taken.
	 *
	 * @return array{user_id: int, auth_time: int, request: array<string,mixed>}|null
	 */
	public function take( string $id, int $user_id ): ?array;

	public function nonce( string $id ): string;

	public function nonce_is_valid( string $id, string $nonce ): bool;
}
