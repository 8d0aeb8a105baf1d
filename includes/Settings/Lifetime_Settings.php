<?php
declare(strict_types=1);

namespace Keystone_OIDC\Settings;

use Keystone_OIDC\Clock;
use Keystone_OIDC\Config;

/**
 * `lifetimes`: the access token, ID token, refresh token and authorization code lifetimes in
 * seconds, within `Lifetime_Rules::RANGES`. Stored in one autoloaded option, so `Config::lifetime`
 * reads them at no query cost; the `keystone_oidc_lifetimes` filter still applies on top. Lowering
 * the token lifetimes also records how long retired signing keys must still be published
 * (`Config::key_retention`), so tokens signed under the old lifetimes keep verifying.
 */
final class Lifetime_Settings implements Setting_Group {
	const OPTION = 'keystone_oidc_token_lifetimes';

	/** Where the option keeps the retention floor beside the four lifetimes. */
	const RETENTION_KEY = 'key_retention';

	/**
	 * The lifetimes the administrator set (only valid ones), by key.
	 *
	 * @return array<string,int>
	 */
	public static function stored(): array {
		return Lifetime_Rules::valid( get_option( self::OPTION, array() ) );
	}

	/**
	 * @return array{seconds: int, until: int}|null
	 */
	public static function retention_floor(): ?array {
		$stored = get_option( self::OPTION, array() );
		$floor  = is_array( $stored ) ? ( $stored[ self::RETENTION_KEY ] ?? null ) : null;
		if ( ! is_array( $floor ) || ! isset( $floor['seconds'], $floor['until'] ) ) {
			return null;
		}
		return array(
			'seconds' => (int) $floor['seconds'],
			'until'   => (int) $floor['until'],
		);
	}

	public function fields(): array {
		return array( 'lifetimes' );
	}

	public function to_array(): array {
		$lifetimes = array();
		foreach ( array_keys( Lifetime_Rules::RANGES ) as $key ) {
			$lifetimes[ $key ] = self::stored()[ $key ] ?? Config::DEFAULT_LIFETIMES[ $key ];
		}
		return array( 'lifetimes' => $lifetimes );
	}

	public function validate( array $body ) {
		if ( ! array_key_exists( 'lifetimes', $body ) ) {
			return null;
		}
		$key = Lifetime_Rules::first_invalid( $body['lifetimes'] );
		if ( null === $key ) {
			return null;
		}
		if ( '' === $key ) {
			return Setting_Error::invalid( 'lifetimes', __( 'lifetimes must be an object with any of: access, id, refresh, code (seconds).', 'keystone-oidc' ) );
		}
		if ( ! isset( Lifetime_Rules::RANGES[ $key ] ) ) {
			/* translators: %s: the key that is not a lifetime. */
			return Setting_Error::invalid( 'lifetimes', sprintf( __( 'lifetimes.%s is not a lifetime; use access, id, refresh or code.', 'keystone-oidc' ), $key ), array( 'key' => $key ) );
		}
		list( $min, $max ) = Lifetime_Rules::RANGES[ $key ];
		return Setting_Error::invalid(
			'lifetimes',
			/* translators: 1: the lifetime (access, id, refresh or code), 2: the smallest number of seconds, 3: the largest. */
			sprintf( __( 'lifetimes.%1$s must be a whole number of seconds from %2$d to %3$d.', 'keystone-oidc' ), $key, $min, $max ),
			array( 'key' => $key )
		);
	}

	public function save( array $body ): void {
		if ( ! array_key_exists( 'lifetimes', $body ) ) {
			return;
		}
		$before = self::effective();
		$stored = get_option( self::OPTION, array() );
		$stored = is_array( $stored ) ? $stored : array();
		foreach ( $body['lifetimes'] as $key => $seconds ) {
			$stored[ $key ] = $seconds;
		}
		$floor = Lifetime_Rules::retention_floor( $before, array_merge( $before, $body['lifetimes'] ), self::retention_floor(), Clock::now() );
		if ( null === $floor ) {
			unset( $stored[ self::RETENTION_KEY ] );
		} else {
			$stored[ self::RETENTION_KEY ] = $floor;
		}
		update_option( self::OPTION, $stored, true );
		Config::forget_lifetimes();
	}

	/**
	 * The lifetimes in force now (after the filter).
	 *
	 * @return array<string,int>
	 */
	private static function effective(): array {
		$effective = array();
		foreach ( array_keys( Lifetime_Rules::RANGES ) as $key ) {
			$effective[ $key ] = Config::lifetime( $key );
		}
		return $effective;
	}

	public function schema(): array {
		$properties = array();
		foreach ( Lifetime_Rules::RANGES as $key => $range ) {
			$properties[ $key ] = array(
				'type'    => 'integer',
				'minimum' => $range[0],
				'maximum' => $range[1],
			);
		}
		return array(
			'lifetimes' => array(
				'description' => __( 'Lifetimes in seconds of access tokens, ID tokens, refresh tokens and authorization codes (the keystone_oidc_lifetimes filter applies on top).', 'keystone-oidc' ),
				'type'        => 'object',
				'properties'  => $properties,
			),
		);
	}
}
