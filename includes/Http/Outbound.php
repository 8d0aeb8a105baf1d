<?php
declare(strict_types=1);

namespace Keystone_OIDC\Http;

/**
 * The one way the provider sends requests of its own to a URI a client registered (back-channel
 * logout today; any later fetch such as a client's `jwks_uri` goes through here too). By default
 * only `https` to public addresses, through `wp_safe_remote_post()`: no loopback, private or
 * link-local address, so a client's URI cannot make the provider reach its own machine or network
 * (SSRF). Intranet setups name the internal hosts they trust with the
 * `keystone_oidc_allowed_internal_hosts` filter (host names or IP literals as they appear in the
 * URI, IPv6 in brackets); those are reached with `wp_remote_post()`, `http` included.
 */
final class Outbound {
	/** The `WP_Error` code of a URI these rules refuse to reach. */
	const NOT_ALLOWED = 'keystone_oidc_uri_not_allowed';

	/**
	 * Sends the POST, or nothing when the URI is not allowed.
	 *
	 * @param array<string,mixed> $args As for `wp_remote_post()`.
	 * @return bool Whether the request was sent.
	 */
	public static function post( string $uri, array $args ): bool {
		$scheme = strtolower( (string) wp_parse_url( $uri, PHP_URL_SCHEME ) );
		$host   = strtolower( (string) wp_parse_url( $uri, PHP_URL_HOST ) );
		if ( '' === $host || ( 'https' !== $scheme && 'http' !== $scheme ) ) {
			return false;
		}
		if ( in_array( $host, self::allowed_internal_hosts(), true ) ) {
			wp_remote_post( $uri, $args );
			return true;
		}
		if ( 'https' !== $scheme ) {
			return false;
		}
		wp_safe_remote_post( $uri, $args );
		return true;
	}

	/**
	 * Sends the GET (a client's `jwks_uri`) under the same rules as `post()`.
	 *
	 * @param array<string,mixed> $args As for `wp_remote_get()`.
	 * @return array<string,mixed>|\WP_Error The response; a `WP_Error` also when the URI is not allowed.
	 */
	public static function get( string $uri, array $args ) {
		return self::request( 'GET', $uri, $args );
	}

	/**
	 * Sends a HEAD (Site Health asking whether a back-channel logout target answers at all) under
	 * the same rules as `post()`.
	 *
	 * @param array<string,mixed> $args As for `wp_remote_head()`.
	 * @return array<string,mixed>|\WP_Error The response; a `WP_Error` also when the URI is not allowed.
	 */
	public static function head( string $uri, array $args ) {
		return self::request( 'HEAD', $uri, $args );
	}

	/**
	 * @param array<string,mixed> $args As for `wp_remote_request()`.
	 * @return array<string,mixed>|\WP_Error
	 */
	private static function request( string $method, string $uri, array $args ) {
		$args['method'] = $method;
		if ( self::is_internal( $uri ) ) {
			return wp_remote_request( $uri, $args );
		}
		if ( 'https' !== strtolower( (string) wp_parse_url( $uri, PHP_URL_SCHEME ) ) ) {
			return new \WP_Error( self::NOT_ALLOWED, 'Only https URIs are fetched.' );
		}
		return wp_safe_remote_request( $uri, $args );
	}

	/**
	 * Whether the URI's host is one the site named as internal and trusted (and so may be reached
	 * over http).
	 */
	public static function is_internal( string $uri ): bool {
		$host = strtolower( (string) wp_parse_url( $uri, PHP_URL_HOST ) );
		return '' !== $host && in_array( $host, self::allowed_internal_hosts(), true );
	}

	/**
	 * @return string[] Lowercased hosts from the `keystone_oidc_allowed_internal_hosts` filter.
	 */
	private static function allowed_internal_hosts(): array {
		$hosts = apply_filters( 'keystone_oidc_allowed_internal_hosts', array() );
		return array_map( 'strtolower', array_filter( is_array( $hosts ) ? $hosts : array(), 'is_string' ) );
	}
}
