<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Support;

use Keystone_OIDC\Models\Code;
use Keystone_OIDC\Storage\Code_Store;

/**
 * Codes in an array, with the SQL repository's conditional updates: a consume or a replay mark
 * changes only a row in the state the SQL statement's WHERE clause asks for.
 */
final class In_Memory_Code_Store implements Code_Store {
	/** @var array<string,Code> */
	public $codes = array();

	/** @var callable(string):void|null What a concurrent request does right after a read. */
	public $after_find = null;

	/** @var int How often a grant asked whether the code was replayed after issuing. */
	public $replay_checks = 0;

	public function insert( Code $code ): void {
		$this->codes[ $code->code_hash ] = clone $code;
	}

	public function find( string $code_hash ): ?Code {
		$code = isset( $this->codes[ $code_hash ] ) ? clone $this->codes[ $code_hash ] : null;
		if ( null !== $this->after_find ) {
			$after            = $this->after_find;
			$this->after_find = null;
			$after( $code_hash );
		}
		return $code;
	}

	public function consume( string $code_hash, int $now ): bool {
		$code = $this->codes[ $code_hash ] ?? null;
		if ( null === $code || $code->is_spent() ) {
			return false;
		}
		$code->used_at = $now;
		return true;
	}

	public function mark_replayed( string $code_hash, int $now ): void {
		if ( isset( $this->codes[ $code_hash ] ) && ! $this->codes[ $code_hash ]->is_revoked() ) {
			$this->codes[ $code_hash ]->revoked_at = $now;
		}
	}

	public function is_replayed( string $code_hash ): bool {
		++$this->replay_checks;
		$code = $this->codes[ $code_hash ] ?? null;
		return null === $code || $code->is_revoked();
	}

	public function unused_for_user( int $user_id, int $now ): array {
		return array_values(
			array_filter(
				$this->codes,
				static function ( Code $code ) use ( $user_id, $now ): bool {
					return $user_id === $code->user_id && $code->is_active( $now );
				}
			)
		);
	}

	public function delete_for_client( string $client_id ): int {
		return $this->delete_where(
			static function ( Code $code ) use ( $client_id ): bool {
				return $client_id === $code->client_id;
			}
		);
	}

	public function delete_for_user_and_client( int $user_id, string $client_id ): int {
		return $this->delete_where(
			static function ( Code $code ) use ( $user_id, $client_id ): bool {
				return $user_id === $code->user_id && $client_id === $code->client_id;
			}
		);
	}

	public function delete_expired( int $now, int $limit ): int {
		return $this->delete_where(
			static function ( Code $code ) use ( $now ): bool {
				return $code->expires_at < $now;
			},
			$limit
		);
	}

	/**
	 * @param callable(Code):bool $matches
	 */
	private function delete_where( callable $matches, int $limit = PHP_INT_MAX ): int {
		$deleted = 0;
		foreach ( $this->codes as $hash => $code ) {
			if ( $deleted < $limit && $matches( $code ) ) {
				unset( $this->codes[ $hash ] );
				++$deleted;
			}
		}
		return $deleted;
	}
}
