<?php
declare(strict_types=1);

namespace Keystone_OIDC\Resource;

/**
 * RFC 6750 on the wire: reading the `Authorization: Bearer` header (§2.1) and writing the
 * `WWW-Authenticate` challenge (§3) with RFC 9728's `resource_metadata` (§5.1). Pure.
 */
final class Bearer_Header {
	/** RFC 6750 §2.1's b64token after the scheme and its spaces. */
	const TOKEN_PATTERN = '/^Bearer +([A-Za-z0-9\-._~+\/]+=*)$/Di';

	/**
	 * Whether the header uses the Bearer scheme at all (well-formed or not): such a request is
	 * judged by its token alone, never by a cookie or another scheme.
	 */
	public static function is_bearer( ?string $authorization ): bool {
		return null !== $authorization && 1 === preg_match( '/^Bearer(?: |$)/i', $authorization );
	}

	/**
	 * The token of a well-formed Bearer header; null for anything else.
	 */
	public static function token( string $authorization ): ?string {
		return 1 === preg_match( self::TOKEN_PATTERN, $authorization, $match ) ? $match[1] : null;
	}

	/**
	 * A challenge with the given auth-params, in their order, each a quoted string (RFC 9110 §11.2):
	 * quotes and backslashes escaped, and control characters (which a quoted string may not hold)
	 * replaced by spaces.
	 *
	 * @param array<string,string> $params
	 */
	public static function challenge( array $params ): string {
		$parts = array();
		foreach ( $params as $name => $value ) {
			$clean   = (string) preg_replace( '/[\x00-\x1f\x7f]/', ' ', $value );
			$parts[] = $name . '="' . addcslashes( $clean, '"\\' ) . '"';
		}
		return array() === $parts ? 'Bearer' : 'Bearer ' . implode( ', ', $parts );
	}
}
