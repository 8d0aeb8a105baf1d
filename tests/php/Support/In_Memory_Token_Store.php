<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Support;

use Keystone_OIDC\Models\Access_Token_Record;
use Keystone_OIDC\Models\Refresh_Token;
use Keystone_OIDC\Models\Stored_Token;
use Keystone_OIDC\Storage\Token_Store;
use Keystone_OIDC\Time\Clock;

/**
 * Tokens in an array, with the SQL repository's conditional updates and its revocation time taken
 * from the same clock.
 */
final class In_Memory_Token_Store implements Token_Store {
	/** @var Stored_Token[] */
	public $tokens = array();

	/** @var callable(string):void|null What a concurrent request does right after a refresh token is read. */
	public $after_find_refresh = null;

	/** @var int How often a grant read a refresh token. */
	public $refresh_reads = 0;

	/** @var Clock */
	private $clock;

	public function __construct( Clock $clock ) {
		$this->clock = $clock;
	}

	public function insert( Stored_Token $token ): void {
		$this->tokens[] = clone $token;
	}

	public function insert_all( array $tokens ): void {
		foreach ( $tokens as $token ) {
			$this->insert( $token );
		}
	}

	public function find_access( string $token_hash ): ?Access_Token_Record {
		$token = $this->stored( $token_hash, Stored_Token::TYPE_ACCESS );
		return $token instanceof Access_Token_Record ? clone $token : null;
	}

	public function find_refresh( string $token_hash ): ?Refresh_Token {
		++$this->refresh_reads;
		$token = $this->stored( $token_hash, Stored_Token::TYPE_REFRESH );
		$found = $token instanceof Refresh_Token ? clone $token : null;
		if ( null !== $this->after_find_refresh ) {
			$after                    = $this->after_find_refresh;
			$this->after_find_refresh = null;
			$after( $token_hash );
		}
		return $found;
	}

	public function unrevoked_for_user( int $user_id ): array {
		return array_values(
			array_filter(
				$this->tokens,
				static function ( Stored_Token $token ) use ( $user_id ): bool {
					return $user_id === $token->user_id && ! $token->is_revoked();
				}
			)
		);
	}

	public function consume_refresh( string $token_hash, int $now ): bool {
		$token = $this->stored( $token_hash, Stored_Token::TYPE_REFRESH );
		if ( null === $token || null !== $token->used_at || $token->is_revoked() ) {
			return false;
		}
		$token->used_at = $now;
		return true;
	}

	public function revoke_grant( string $grant_id ): int {
		return $this->revoke_where(
			static function ( Stored_Token $token ) use ( $grant_id ): bool {
				return $grant_id === $token->grant_id;
			}
		);
	}

	public function revoke_access( string $token_hash ): int {
		return $this->revoke_where(
			static function ( Stored_Token $token ) use ( $token_hash ): bool {
				return $token_hash === $token->token_hash && $token instanceof Access_Token_Record;
			}
		);
	}

	public function revoke_for_client( string $client_id ): int {
		return $this->revoke_where(
			static function ( Stored_Token $token ) use ( $client_id ): bool {
				return $client_id === $token->client_id;
			}
		);
	}

	public function revoke_for_user_and_client( int $user_id, string $client_id ): int {
		return $this->revoke_where(
			static function ( Stored_Token $token ) use ( $user_id, $client_id ): bool {
				return $user_id === $token->user_id && $client_id === $token->client_id;
			}
		);
	}

	public function revoke_all(): int {
		return $this->revoke_where(
			static function (): bool {
				return true;
			}
		);
	}

	public function delete_expired( int $now, int $limit ): int {
		$deleted = 0;
		foreach ( $this->tokens as $index => $token ) {
			if ( $deleted < $limit && $token->expires_at < $now ) {
				unset( $this->tokens[ $index ] );
				++$deleted;
			}
		}
		return $deleted;
	}

	/**
	 * @return Stored_Token[] Every token of one family, as stored.
	 */
	public function family( string $grant_id ): array {
		return array_values(
			array_filter(
				$this->tokens,
				static function ( Stored_Token $token ) use ( $grant_id ): bool {
					return $grant_id === $token->grant_id;
				}
			)
		);
	}

	private function stored( string $token_hash, string $type ): ?Stored_Token {
		foreach ( $this->tokens as $token ) {
			if ( $token_hash === $token->token_hash && $type === $token->type() ) {
				return $token;
			}
		}
		return null;
	}

	/**
	 * @param callable(Stored_Token):bool $matches
	 */
	private function revoke_where( callable $matches ): int {
		$revoked = 0;
		foreach ( $this->tokens as $token ) {
			if ( ! $token->is_revoked() && $matches( $token ) ) {
				$token->revoked_at = $this->clock->now();
				++$revoked;
			}
		}
		return $revoked;
	}
}
