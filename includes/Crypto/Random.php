<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

/**
 * Every random value the plugin hands out (client secrets, codes, refresh tokens, ids) comes from
 * the CSPRNG through here.
 */
final class Random {
	public static function token( int $bytes = 32 ): string {
		return Base64Url::encode( random_bytes( $bytes ) );
	}

	public static function hex( int $bytes = 16 ): string {
		return bin2hex( random_bytes( $bytes ) );
	}
}
