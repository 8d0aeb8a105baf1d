<?php
declare(strict_types=1);

namespace Keystone_OIDC\Checks;

/**
 * Which redirect URIs a client may register, and whether a requested one is registered.
 * Matching is exact string comparison (OAuth 2.0 Security BCP §4.1.3); the only latitude is the
 * one RFC 8252 §7.3 demands for native apps listening on an ephemeral loopback port.
 */
final class Redirect_Uri {
	const MAX_LENGTH = 2000;

	/** Schemes that run code or read local files in the browser instead of reaching a client. */
	const FORBIDDEN_SCHEMES = array( 'javascript', 'data', 'vbscript', 'file' );

	/**
	 * @return string|null Null when the URI may be registered, else why not.
	 */
	public static function registration_error( string $uri ): ?string {
		if ( '' === $uri ) {
			return 'The redirect URI is empty.';
		}
		if ( strlen( $uri ) > self::MAX_LENGTH ) {
			return sprintf( 'The redirect URI is longer than %d characters.', self::MAX_LENGTH );
		}
		if ( 1 === preg_match( '/[\x00-\x20\x7f]/', $uri ) ) {
			return 'The redirect URI contains whitespace or control characters.';
		}
		if ( 1 === preg_match( '/[\x80-\xff]/', $uri ) ) {
			return 'The redirect URI contains non-ASCII characters; percent-encode them.';
		}
		if ( 1 !== preg_match( '/^([A-Za-z][A-Za-z0-9+.-]*):(.+)$/Ds', $uri, $matches ) ) {
			return 'The redirect URI must be an absolute URI with a scheme.';
		}
		if ( false !== strpos( $uri, '#' ) ) {
			return 'The redirect URI must not contain a fragment.';
		}
		// `https://rp.example@evil.example/cb` goes to evil.example: userinfo only disguises the
		// host (RFC 9700 §4.1.1, RFC 3986 §7.6), and no client needs it in a redirect.
		if ( 1 === preg_match( '~^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*@~', $uri ) ) {
			return 'The redirect URI must not contain userinfo (anything@ before the host).';
		}
		$scheme = strtolower( $matches[1] );
		if ( in_array( $scheme, self::FORBIDDEN_SCHEMES, true ) ) {
			return sprintf( 'The "%s" scheme is not allowed.', $scheme );
		}
		if ( 'https' !== $scheme && 'http' !== $scheme ) {
			return null;
		}
		$host = self::host( $matches[2] );
		if ( null === $host ) {
			return sprintf( 'The %s redirect URI must name a host.', $scheme );
		}
		if ( 'http' === $scheme && ! self::is_loopback_host( $host ) ) {
			return 'Plain http is allowed only for loopback hosts (localhost, 127.0.0.1, [::1]); use https.';
		}
		return null;
	}

	/**
	 * @param string[] $registered
	 */
	public static function matches( string $requested, array $registered ): bool {
		$requested_without_port = self::loopback_ip_without_port( $requested );
		foreach ( $registered as $uri ) {
			if ( ! is_string( $uri ) ) {
				continue;
			}
			if ( $uri === $requested ) {
				return true;
			}
			if ( null !== $requested_without_port && self::loopback_ip_without_port( $uri ) === $requested_without_port ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The host of `//authority/...`, lowercased, or null when there is no authority or it is
	 * malformed. Userinfo and port are dropped; an IPv6 literal keeps its brackets.
	 */
	private static function host( string $hierarchical_part ): ?string {
		if ( 1 !== preg_match( '~^//(?:[^/?@]*@)?(\[[0-9A-Fa-f:.]+\]|[^/?:\[\]@]+)(?::[0-9]*)?(?:[/?].*)?$~Ds', $hierarchical_part, $matches ) ) {
			return null;
		}
		return strtolower( $matches[1] );
	}

	private static function is_loopback_host( string $host ): bool {
		if ( 'localhost' === $host || '[::1]' === $host ) {
			return true;
		}
		if ( 1 !== preg_match( '/^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/D', $host, $octets ) ) {
			return false;
		}
		foreach ( array_slice( $octets, 1 ) as $octet ) {
			if ( (int) $octet > 255 || ( strlen( $octet ) > 1 && '0' === $octet[0] ) ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * RFC 8252 §7.3: a native app's loopback listener gets a port from the OS at run time, so for
	 * `http://127.0.0.1` and `http://[::1]` the port is ignored and everything else must still be
	 * identical. `localhost` is deliberately not included (RFC 8252 §8.3).
	 *
	 * @return string|null The URI with its port removed, or null when the exception does not apply.
	 */
	private static function loopback_ip_without_port( string $uri ): ?string {
		if ( 1 !== preg_match( '~^http://(127\.0\.0\.1|\[::1\])(?::([0-9]{1,5}))?([/?].*)?$~Ds', $uri, $matches ) ) {
			return null;
		}
		if ( isset( $matches[2] ) && '' !== $matches[2] && ( (int) $matches[2] < 1 || (int) $matches[2] > 65535 ) ) {
			return null;
		}
		return 'http://' . $matches[1] . ( $matches[3] ?? '' );
	}
}
