<?php
declare(strict_types=1);

namespace Keystone_OIDC\Http;

/**
 * Builds the URL of a redirect to a client: the registered redirect URI with parameters appended
 * to its query. Every name and value is percent-encoded here (`add_query_arg` does not encode), so
 * a `state` of `a+b&c=d%20e` reaches the client byte for byte.
 */
final class Redirect_Url {
	/**
	 * @param array<string,string|null> $params Null values are left out.
	 */
	public static function build( string $uri, array $params ): string {
		$fragment_at = strpos( $uri, '#' );
		if ( false !== $fragment_at ) {
			$uri = substr( $uri, 0, $fragment_at );
		}
		$query = self::encode( $params );
		if ( '' === $query ) {
			return $uri;
		}
		if ( false === strpos( $uri, '?' ) ) {
			return $uri . '?' . $query;
		}
		$last = substr( $uri, -1 );
		return $uri . ( '?' === $last || '&' === $last ? '' : '&' ) . $query;
	}

	/**
	 * RFC 3986 percent-encoding of every name and value (a space becomes `%20`, `+` becomes `%2B`).
	 *
	 * @param array<string,string|null> $params
	 */
	public static function encode( array $params ): string {
		$pairs = array();
		foreach ( $params as $name => $value ) {
			if ( null === $value ) {
				continue;
			}
			$pairs[] = rawurlencode( (string) $name ) . '=' . rawurlencode( $value );
		}
		return implode( '&', $pairs );
	}
}
