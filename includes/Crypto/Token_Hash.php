<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

use InvalidArgumentException;

/**
 * OIDC Core §3.1.3.6 / §3.3.2.11: `at_hash` and `c_hash` are the base64url of the left half of
 * the hash that the ID token's own `alg` uses.
 */
final class Token_Hash {
	public static function half_hash( string $value, string $alg ): string {
		$digest = hash( self::hash_algorithm( $alg ), $value, true );
		return Base64Url::encode( substr( $digest, 0, intdiv( strlen( $digest ), 2 ) ) );
	}

	private static function hash_algorithm( string $alg ): string {
		if ( 1 !== preg_match( '/^(?:RS|ES|PS|HS)(256|384|512)$/D', $alg, $matches ) ) {
			throw new InvalidArgumentException( sprintf( 'No hash is defined for the algorithm "%s".', $alg ) );
		}
		return 'sha' . $matches[1];
	}
}
