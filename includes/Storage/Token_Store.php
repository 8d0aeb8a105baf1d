<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

use Keystone_OIDC\Models\Access_Token_Record;
use Keystone_OIDC\Models\Refresh_Token;
use Keystone_OIDC\Models\Stored_Token;

/**
 * Access and refresh tokens, found by an indexed hash. Every token of one authorization shares a
 * `grant_id`, so a replayed code or a reused refresh token revokes the whole family at once.
 */
interface Token_Store {
	public function insert( Stored_Token $token ): void;

	/**
	 * Stores the tokens of one response together (one statement where the store allows it).
	 *
	 * @param non-empty-array<int,Stored_Token> $tokens
	 */
	public function insert_all( array $tokens ): void;

	public function find_access( string $token_hash ): ?Access_Token_Record;

	public function find_refresh( string $token_hash ): ?Refresh_Token;

	/**
	 * The user's tokens not yet revoked: what a sign-out has to find by the session in `data`.
	 *
	 * @return Stored_Token[]
	 */
	public function unrevoked_for_user( int $user_id ): array;

	/**
	 * Marks a refresh token rotated. True for exactly one caller, however many race for it.
	 */
	public function consume_refresh( string $token_hash, int $now ): bool;

	/**
	 * Revokes every token descending from one authorization.
	 *
	 * @return int How many tokens were revoked.
	 */
	public function revoke_grant( string $grant_id ): int;

	/**
	 * Revokes one access token alone (RFC 7009: its family lives on).
	 *
	 * @return int How many tokens were revoked.
	 */
	public function revoke_access( string $token_hash ): int;

	/**
	 * @return int How many tokens were revoked.
	 */
	public function revoke_for_client( string $client_id ): int;

	/**
	 * @return int How many tokens were revoked.
	 */
	public function revoke_for_user_and_client( int $user_id, string $client_id ): int;

	/**
	 * @return int How many tokens were revoked.
	 */
	public function revoke_all(): int;

	/**
	 * Deletes up to `$limit` tokens that expired before `$now` or were revoked long enough before it.
	 *
	 * @return int How many tokens were deleted.
	 */
	public function delete_expired( int $now, int $limit ): int;
}
