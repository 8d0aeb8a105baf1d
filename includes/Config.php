<?php
declare(strict_types=1);

namespace Keystone_OIDC;

use Keystone_OIDC\Upgrade\V2_Identity;

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

	const SUPPORTED_SCOPES = array( 'openid', 'profile', 'email', 'offline_access', 'roles', 'wordpress:read', 'wordpress:write' );

	/** @var array<string,int>|null */
	private static $lifetimes = null;

	/**
	 * Lifetime in seconds of a code, access token, ID token, refresh token or pending consent: the
	 * administrator's `Settings.lifetimes` (an autoloaded option, `Settings\Lifetime_Settings`)
	 * over the defaults, then the filter `keystone_oidc_lifetimes` (array name => seconds).
	 */
	public static function lifetime( string $what ): int {
		if ( null === self::$lifetimes ) {
			$filtered        = apply_filters( 'keystone_oidc_lifetimes', array_merge( self::DEFAULT_LIFETIMES, Settings\Lifetime_Settings::stored() ) );
			self::$lifetimes = array();
			foreach ( self::DEFAULT_LIFETIMES as $name => $default ) {
				$value                    = is_array( $filtered ) && isset( $filtered[ $name ] ) ? (int) $filtered[ $name ] : $default;
				self::$lifetimes[ $name ] = $value > 0 ? $value : $default;
			}
		}
		return self::$lifetimes[ $what ];
	}

	/**
	 * Reads the lifetimes again on next use (the administrator just changed them).
	 */
	public static function forget_lifetimes(): void {
		self::$lifetimes = null;
	}

	/**
	 * How long a retired signing key stays published: the longest life of a token it can have
	 * signed, which after the administrator shortened the lifetimes is the old, longer one until
	 * tokens issued under it have expired (`Settings\Lifetime_Settings::retention_floor`).
	 */
	public static function key_retention( int $now ): int {
		$retention = max( self::lifetime( 'id' ), self::lifetime( 'access' ) );
		$floor     = Settings\Lifetime_Settings::retention_floor();
		return null !== $floor && $floor['until'] > $now ? max( $retention, $floor['seconds'] ) : $retention;
	}

	/**
	 * @return string[] Scopes a client may be allowed. Filter: `keystone_oidc_supported_scopes`.
	 */
	public static function supported_scopes(): array {
		$scopes = apply_filters( 'keystone_oidc_supported_scopes', self::SUPPORTED_SCOPES );
		return array_values( array_unique( array_merge( array( 'openid' ), array_filter( (array) $scopes, 'is_string' ) ) ) );
	}

	/**
	 * Which issuer the provider uses (`Settings.issuer_mode`): `home`, the home URL, on fresh
	 * installs; `legacy`, the issuer of Keystone OIDC 2.x, on sites upgraded from it, so their
	 * relying parties keep working. Autoloaded: reading it costs no query.
	 */
	const ISSUER_MODE_OPTION = 'keystone_oidc_issuer_mode';
	const ISSUER_MODE_HOME   = 'home';
	const ISSUER_MODE_LEGACY = 'legacy';
	const ISSUER_MODES       = array( self::ISSUER_MODE_HOME, self::ISSUER_MODE_LEGACY );

	public static function issuer_mode(): string {
		return self::ISSUER_MODE_LEGACY === get_option( self::ISSUER_MODE_OPTION ) ? self::ISSUER_MODE_LEGACY : self::ISSUER_MODE_HOME;
	}

	/**
	 * The issuer, with no trailing slash, byte for byte everywhere it appears: the home URL, or in
	 * the legacy mode the 2.x issuer.
	 */
	public static function issuer(): string {
		if ( self::ISSUER_MODE_LEGACY === self::issuer_mode() ) {
			return V2_Identity::issuer();
		}
		return untrailingslashit( home_url() );
	}

	/**
	 * The WordPress REST API as an OAuth protected resource: its root URL, exactly as `rest_url()`
	 * gives it (with its trailing slash). An access token is accepted by the REST API only when its
	 * `aud` names this, and RFC 9728 metadata announces it as `resource`.
	 */
	public static function rest_resource(): string {
		return rest_url();
	}
}
