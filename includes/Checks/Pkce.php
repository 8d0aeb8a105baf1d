<?php
declare(strict_types=1);

namespace Keystone_OIDC\Checks;

use Keystone_OIDC\Crypto\Base64Url;

/**
 * Proof Key for Code Exchange (RFC 7636).
 */
final class Pkce {
	/** The only method (RFC 9700 §2.1.1); `plain` is refused everywhere, also at redemption. */
	const METHOD_S256 = 'S256';

	/** RFC 7636 §4.1: 43–128 unreserved characters. */
	public static function is_valid_verifier( string $verifier ): bool {
		return 1 === preg_match( '/^[A-Za-z0-9\-._~]{43,128}$/D', $verifier );
	}

	/**
	 * RFC 7636 §4.2: an S256 challenge is the base64url of a SHA-256 digest, 43 characters.
	 * Method names are case-sensitive; any other method, `plain` included, is never valid.
	 */
	public static function is_valid_challenge( string $challenge, string $method ): bool {
		return self::METHOD_S256 === $method && 1 === preg_match( '/^[A-Za-z0-9_-]{43}$/D', $challenge );
	}

	public static function verify( string $verifier, string $challenge, string $method ): bool {
		if ( ! self::is_valid_verifier( $verifier ) || ! self::is_valid_challenge( $challenge, $method ) ) {
			return false;
		}
		return hash_equals( $challenge, Base64Url::encode( hash( 'sha256', $verifier, true ) ) );
	}
}
