<?php
declare(strict_types=1);

namespace Keystone_OIDC;

/**
 * The one source of protocol defaults. Each value passes through a filter once per request.
 */
final class Config {
	const DEFAULT_LIFETIMES = array(
		'code'    => 60,
		'access'  => 3600,
		'id'      => 3600,
		'refresh' => 2592000,
		'consent' => 600,
	);

	const SUPPORTED_SCOPES = array( 'openid', 'profile', 'email', 'offline_access', 'roles' );

	/** @var array<string,int>|null */
	private static $lifetimes = null;

	/**
	 * Lifetime in seconds of a code, access token, ID token, refresh token or pending consent.
	 * Filter: `keystone_oidc_lifetimes` (array name => seconds).
	 */
	public static function lifetime( string $what ): int {
		if ( null === self::$lifetimes ) {
			$filtered        = apply_filters( 'keystone_oidc_lifetimes', self::DEFAULT_LIFETIMES );
			self::$lifetimes = array();
			foreach ( self::DEFAULT_LIFETIMES as $name => $default ) {
				$value                    = is_array( $filtered ) && isset( $filtered[ $name ] ) ? (int) $filtered[ $name ] : $default;
				self::$lifetimes[ $name ] = $value > 0 ? $value : $default;
			}
		}
		return self::$lifetimes[ $what ];
	}

	/**
	 * @return string[] Scopes a client may be allowed. Filter: `keystone_oidc_supported_scopes`.
	 */
	public static function supported_scopes(): array {
		$scopes = apply_filters( 'keystone_oidc_supported_scopes', self::SUPPORTED_SCOPES );
		return array_values( array_unique( array_merge( array( 'openid' ), array_filter( (array) $scopes, 'is_string' ) ) ) );
	}

	/**
	 * The issuer: the home URL with no trailing slash, byte for byte everywhere it appears.
	 */
	public static function issuer(): string {
		return untrailingslashit( home_url() );
	}
}
