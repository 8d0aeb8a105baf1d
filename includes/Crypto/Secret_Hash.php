<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

/**
 * Storage form of client secrets, codes, refresh tokens and access-token ids. They are 256-bit
 * random values, so a fast hash cannot be brute-forced and keeps every token request cheap; a slow
 * password hash would only add latency.
 */
final class Secret_Hash {
	public static function hash( string $secret ): string {
		return hash( 'sha256', $secret );
	}

	public static function verify( string $secret, string $hash ): bool {
		return hash_equals( $hash, self::hash( $secret ) );
	}
}
