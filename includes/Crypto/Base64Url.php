<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

/**
 * RFC 4648 §5 base64url without padding, as JOSE (RFC 7515 §2) requires.
 */
final class Base64Url {
	public static function encode( string $binary ): string {
		return rtrim( strtr( base64_encode( $binary ), '+/', '-_' ), '=' );
	}

	/**
	 * Strict: only the url-safe alphabet, no padding, no whitespace. A lenient decoder would let two
	 * different strings stand for the same token, which matters when a string is compared or hashed.
	 */
	public static function decode( string $text ): ?string {
		if ( 1 !== preg_match( '/^[A-Za-z0-9_-]*$/D', $text ) || 1 === strlen( $text ) % 4 ) {
			return null;
		}
		$binary = base64_decode( strtr( $text, '-_', '+/' ), true );
		if ( false === $binary || self::encode( $binary ) !== $text ) {
			return null;
		}
		return $binary;
	}
}
