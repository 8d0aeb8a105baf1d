<?php
declare(strict_types=1);

namespace Keystone_OIDC\Checks;

use Keystone_OIDC\Http\OAuth_Error;

/**
 * RFC 8707 resource indicators: each `resource` is an absolute URI without a fragment and must be
 * one the client is registered for (its `audiences`), or `invalid_target`.
 */
final class Resource_Indicator {
	const MAX_LENGTH = 2000;

	/**
	 * PCRE's `\s` (tab to carriage return, space) spelled out, so JavaScript, where `\s` also
	 * means Unicode spaces, reads it alike: the client screen checks audiences with it.
	 */
	const PATTERN = '^[A-Za-z][A-Za-z0-9+.\-]*:[^\x09-\x0d\x20#]+$';

	public static function is_valid( string $uri ): bool {
		return strlen( $uri ) <= self::MAX_LENGTH && 1 === preg_match( '/' . self::PATTERN . '/D', $uri );
	}

	/**
	 * Throws for the first requested resource that is malformed or not permitted.
	 *
	 * @param string[] $requested
	 * @param string[] $permitted
	 */
	public static function assert_permitted( array $requested, array $permitted ): void {
		foreach ( $requested as $resource ) {
			if ( ! self::is_valid( $resource ) ) {
				throw OAuth_Error::invalid_target( 'resource must be an absolute URI without a fragment' );
			}
			if ( ! in_array( $resource, $permitted, true ) ) {
				throw OAuth_Error::invalid_target( 'A requested resource is not registered for this client' );
			}
		}
	}

	/**
	 * The resources of the tokens issued now. Resource servers receive tokens only when named
	 * (RFC 9700 §4.10.1): a grant that named none gives tokens for the client alone, unless the
	 * token request names some of the client's audiences. A grant that named resources may target
	 * only those, as far as the client is still registered for them; a token request may narrow
	 * that further, never widen it.
	 *
	 * @param string[] $requested The token request's `resource` values.
	 * @param string[] $granted   Those of the authorization request (empty: it named none).
	 * @param string[] $audiences The client's registered audiences now.
	 * @return string[] Empty when the token is for the client alone.
	 */
	public static function for_tokens( array $requested, array $granted, array $audiences ): array {
		$permitted = array() === $granted ? $audiences : array_intersect( $granted, $audiences );
		if ( array() !== $requested ) {
			self::assert_permitted( $requested, $permitted );
			return array_values( $requested );
		}
		if ( array() === $granted ) {
			return array();
		}
		if ( array() === $permitted ) {
			throw OAuth_Error::invalid_target( 'The resources of this grant are no longer registered for this client' );
		}
		return array_values( $permitted );
	}
}
