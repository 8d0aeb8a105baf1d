<?php
declare(strict_types=1);

namespace Keystone_OIDC\Checks;

/**
 * Which redirect URIs a client may register, and whether a requested one is registered.
 * Matching is exact string comparison (OAuth 2.0 Security BCP §4.1.3); the only latitude is the
 * one RFC 8252 §7.3 demands for native apps listening on an ephemeral loopback port.
 *
 * The registration rules are the ones the admin screens check as the admin types: they receive
 * the constants below through `Rules\Shared_Rules` and evaluate the same patterns, in the same
 * order, so both answer with the same problem code (`tests/shared/rule-cases.json` proves it).
 */
final class Redirect_Uri {
	/** In bytes: what is stored and compared is the byte string. */
	const MAX_LENGTH = 2000;

	/** Schemes that run code or read local files in the browser instead of reaching a client. */
	const FORBIDDEN_SCHEMES = array( 'javascript', 'data', 'vbscript', 'file' );

	/** Host names that are loopback by definition; `127.x.y.z` is recognised by its pattern. */
	const LOOPBACK_NAMES = array( 'localhost', '[::1]' );

	/**
	 * Written so that PCRE and JavaScript read them alike: no flags (`$` is the very end, as with
	 * PCRE's `D`), `[\s\S]` where any character will do, and no Unicode classes, so the screens
	 * build them with `new RegExp()` unchanged.
	 */
	const PATTERNS = array(
		'controlCharacter' => '[\x00-\x20\x7f]',
		'nonAscii'         => '[^\x00-\x7f]',
		'absolute'         => '^([A-Za-z][A-Za-z0-9+.-]*):([\s\S]+)$',
		'userinfo'         => '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*@',
		'authority'        => '^//(?:[^/?@]*@)?(\[[0-9A-Fa-f:.]+\]|[^/?:\[\]@]+)(?::[0-9]*)?(?:[/?][\s\S]*)?$',
		'loopbackIpv4'     => '^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$',
		'wildcardHost'     => '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*\*',
		'web'              => '^[Hh][Tt][Tt][Pp][Ss]?:',
	);

	const PROBLEM_EMPTY             = 'empty';
	const PROBLEM_TOO_LONG          = 'too_long';
	const PROBLEM_WHITESPACE        = 'whitespace';
	const PROBLEM_NON_ASCII         = 'non_ascii';
	const PROBLEM_NOT_ABSOLUTE      = 'not_absolute';
	const PROBLEM_FRAGMENT          = 'fragment';
	const PROBLEM_USERINFO          = 'userinfo';
	const PROBLEM_DANGEROUS_SCHEME  = 'dangerous_scheme';
	const PROBLEM_NO_HOST           = 'no_host';
	const PROBLEM_HTTP_NOT_LOOPBACK = 'http_not_loopback';
	const PROBLEM_WILDCARD          = 'wildcard';
	const PROBLEM_NOT_WEB           = 'not_web';

	/**
	 * Why a URI cannot be registered as a redirect (or post-logout redirect) URI, as a
	 * `PROBLEM_*` code, or null when it may be.
	 */
	public static function registration_problem( string $uri ): ?string {
		if ( '' === $uri ) {
			return self::PROBLEM_EMPTY;
		}
		if ( strlen( $uri ) > self::MAX_LENGTH ) {
			return self::PROBLEM_TOO_LONG;
		}
		if ( self::found( 'controlCharacter', $uri ) ) {
			return self::PROBLEM_WHITESPACE;
		}
		// Anything outside ASCII must be percent-encoded, or exact matching breaks.
		if ( self::found( 'nonAscii', $uri ) ) {
			return self::PROBLEM_NON_ASCII;
		}
		if ( ! self::found( 'absolute', $uri, $matches ) ) {
			return self::PROBLEM_NOT_ABSOLUTE;
		}
		if ( false !== strpos( $uri, '#' ) ) {
			return self::PROBLEM_FRAGMENT;
		}
		// `https://rp.example@evil.example/cb` goes to evil.example: userinfo only disguises the
		// host (RFC 9700 §4.1.1, RFC 3986 §7.6), and no client needs it in a redirect.
		if ( self::found( 'userinfo', $uri ) ) {
			return self::PROBLEM_USERINFO;
		}
		$scheme = strtolower( $matches[1] );
		if ( in_array( $scheme, self::FORBIDDEN_SCHEMES, true ) ) {
			return self::PROBLEM_DANGEROUS_SCHEME;
		}
		if ( 'https' === $scheme || 'http' === $scheme ) {
			if ( ! self::found( 'authority', $matches[2], $authority ) ) {
				return self::PROBLEM_NO_HOST;
			}
			if ( 'http' === $scheme && ! self::is_loopback_host( strtolower( $authority[1] ) ) ) {
				return self::PROBLEM_HTTP_NOT_LOOPBACK;
			}
		}
		// Matching is exact, so a wildcard would only ever match itself: it is refused rather
		// than silently never matching.
		if ( self::found( 'wildcardHost', $uri ) ) {
			return self::PROBLEM_WILDCARD;
		}
		return null;
	}

	/**
	 * The provider POSTs logout tokens to a back-channel logout URI from the server, so it must be
	 * a web URI; the rest are the registration rules. Empty means the client has none.
	 */
	public static function backchannel_logout_problem( string $uri ): ?string {
		if ( '' === $uri ) {
			return null;
		}
		if ( ! self::found( 'web', $uri ) ) {
			return self::PROBLEM_NOT_WEB;
		}
		return self::registration_problem( $uri );
	}

	/**
	 * @return string|null Null when the URI may be registered, else why not, in English.
	 */
	public static function registration_error( string $uri ): ?string {
		$problem = self::registration_problem( $uri );
		if ( null === $problem ) {
			return null;
		}
		switch ( $problem ) {
			case self::PROBLEM_EMPTY:
				return 'The redirect URI is empty.';
			case self::PROBLEM_TOO_LONG:
				return sprintf( 'The redirect URI is longer than %d characters.', self::MAX_LENGTH );
			case self::PROBLEM_WHITESPACE:
				return 'The redirect URI contains whitespace or control characters.';
			case self::PROBLEM_NON_ASCII:
				return 'The redirect URI contains non-ASCII characters; percent-encode them.';
			case self::PROBLEM_NOT_ABSOLUTE:
				return 'The redirect URI must be an absolute URI with a scheme.';
			case self::PROBLEM_FRAGMENT:
				return 'The redirect URI must not contain a fragment.';
			case self::PROBLEM_USERINFO:
				return 'The redirect URI must not contain userinfo (anything@ before the host).';
			case self::PROBLEM_DANGEROUS_SCHEME:
				return sprintf( 'The "%s" scheme is not allowed.', strtolower( (string) strstr( $uri, ':', true ) ) );
			case self::PROBLEM_NO_HOST:
				return sprintf( 'The %s redirect URI must name a host.', strtolower( (string) strstr( $uri, ':', true ) ) );
			case self::PROBLEM_HTTP_NOT_LOOPBACK:
				return 'Plain http is allowed only for loopback hosts (localhost, 127.0.0.1, [::1]); use https.';
			default:
				return 'Wildcards are not supported; register every URI exactly.';
		}
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

	private static function is_loopback_host( string $host ): bool {
		if ( in_array( $host, self::LOOPBACK_NAMES, true ) ) {
			return true;
		}
		if ( ! self::found( 'loopbackIpv4', $host, $octets ) ) {
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

	/**
	 * Whether one of `PATTERNS` matches, as PCRE reads it with `D` (the same as JavaScript's `$`).
	 *
	 * @param string[]|null $matches
	 */
	private static function found( string $pattern, string $subject, ?array &$matches = null ): bool {
		return 1 === preg_match( '~' . self::PATTERNS[ $pattern ] . '~D', $subject, $matches );
	}
}
