<?php
declare(strict_types=1);

namespace Keystone_OIDC\Resource;

/**
 * Which browser origins may read the REST API's answer to a bearer-authenticated request: the
 * origins (RFC 6454 §4: scheme, host, port) of the token client's registered redirect URIs, each
 * matched exactly, never a wildcard. A custom-scheme redirect URI (a native app) has no web origin.
 * Pure.
 */
final class Cors_Origins {
	const DEFAULT_PORTS = array(
		'http'  => 80,
		'https' => 443,
	);

	/**
	 * The serialised origin of an http(s) URI, lower-case, with the port only when it is not the
	 * scheme's default; null for any other URI.
	 */
	public static function of( string $uri ): ?string {
		$parts = parse_url( $uri ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- pure, also run without WordPress in PHPUnit.
		if ( ! is_array( $parts ) || ! isset( $parts['scheme'], $parts['host'] ) ) {
			return null;
		}
		$scheme = strtolower( $parts['scheme'] );
		if ( ! isset( self::DEFAULT_PORTS[ $scheme ] ) || '' === $parts['host'] ) {
			return null;
		}
		$port = isset( $parts['port'] ) && self::DEFAULT_PORTS[ $scheme ] !== $parts['port'] ? ':' . $parts['port'] : '';
		return $scheme . '://' . strtolower( $parts['host'] ) . $port;
	}

	/**
	 * @param string   $origin        The request's `Origin` header, as sent.
	 * @param string[] $redirect_uris The client's registered redirect URIs.
	 */
	public static function allows( string $origin, array $redirect_uris ): bool {
		foreach ( $redirect_uris as $uri ) {
			if ( self::of( $uri ) === $origin ) {
				return true;
			}
		}
		return false;
	}
}
