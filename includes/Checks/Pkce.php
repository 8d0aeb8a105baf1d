<?php
declare(strict_types=1);

namespace Keystone_OIDC\Checks;

use Keystone_OIDC\Crypto\Base64Url;

/**
 * Proof Key for Code Exchange (RFC 7636).
 */
final class Pkce {
	const METHOD_S256  = 'S256';
	const METHOD_PLAIN = 'plain';

	/** RFC 7636 §4.1: 43–128 unreserved characters. */
	public static function is_valid_verifier( string $verifier ): bool {
		return 1 === preg_match( '/^[A-Za-z0-9\-._~]{43,128}$/D', $verifier );
	}

	/**
	 * RFC 7636 §4.2: an S256 challenge is the base64url of a SHA-256 digest, 43 characters; a
	 * plain challenge is the verifier itself. Method names are case-sensitive.
	 */
	public static function is_valid_challenge( string $challenge, string $method ): bool {
		if ( self::METHOD_S256 === $method ) {
			return 1 === preg_match( '/^[A-Za-z0-9_-]{43}$/D', $challenge );
		}
		if ( self::METHOD_PLAIN === $method ) {
			return self::is_valid_verifier( $challenge );
		}
		return false;
	}

	public static function verify( string $verifier, string $challenge, string $method ): bool {
		if ( ! self::is_valid_verifier( $verifier ) || ! self::is_valid_challenge( $challenge, $method ) ) {
			return false;
		}
		$derived = self::METHOD_S256 === $method
			? Base64Url::encode( hash( 'sha256', $verifier, true ) )
			: $verifier;
		return hash_equals( $challenge, $derived );
	}
}
