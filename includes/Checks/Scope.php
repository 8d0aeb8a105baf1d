<?php
declare(strict_types=1);

namespace Keystone_OIDC\Checks;

/**
 * The `scope` parameter (RFC 6749 §3.3): space-delimited, order-insensitive scope tokens.
 */
final class Scope {
	/**
	 * Splits on spaces only (the one delimiter RFC 6749 defines); empties and repeats are dropped,
	 * first occurrence wins. Tokens are not validated here: see is_valid_token().
	 *
	 * @return string[]
	 */
	public static function parse( string $scope ): array {
		$tokens = array_filter(
			explode( ' ', $scope ),
			static function ( string $token ): bool {
				return '' !== $token;
			}
		);
		return array_values( array_unique( $tokens ) );
	}

	/**
	 * @param string[] $scopes
	 */
	public static function to_string( array $scopes ): string {
		return implode( ' ', self::parse( implode( ' ', $scopes ) ) );
	}

	/**
	 * Whether every requested scope is among the allowed ones (order and repeats do not matter).
	 *
	 * @param string[] $allowed
	 * @param string[] $requested
	 */
	public static function covers( array $allowed, array $requested ): bool {
		return array() === array_diff( $requested, $allowed );
	}

	/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
	public static function is_valid_token( string $token ): bool {
		return 1 === preg_match( '/^[\x21\x23-\x5B\x5D-\x7E]+$/D', $token );
	}
}
