<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Support;

use Keystone_OIDC\Storage\Assertion_Jti_Store;

/**
 * Used `jti`s in an array, with the SQL repository's rule: an entry blocks its pair until it
 * expires.
 */
final class In_Memory_Assertion_Jtis implements Assertion_Jti_Store {
	/** @var array<string,int> "client\njti" => expires_at */
	public $entries = array();

	public function use_once( string $client_id, string $jti, int $expires_at, int $now ): bool {
		$key = $client_id . "\n" . $jti;
		if ( isset( $this->entries[ $key ] ) && $this->entries[ $key ] >= $now ) {
			return false;
		}
		$this->entries[ $key ] = $expires_at;
		return true;
	}

	public function delete_expired( int $now, int $limit ): int {
		$before        = count( $this->entries );
		$this->entries = array_filter(
			$this->entries,
			static function ( int $expires_at ) use ( $now ): bool {
				return $expires_at >= $now;
			}
		);
		return $before - count( $this->entries );
	}
}
