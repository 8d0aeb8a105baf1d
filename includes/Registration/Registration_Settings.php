<?php
declare(strict_types=1);

namespace Keystone_OIDC\Registration;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Settings\Setting_Group;
use WP_Error;

/**
 * The administrator's choices for dynamic client registration, as `/settings` reads and writes
 * them: the policy (`dynamic_registration`), how long an unused dynamic client lives
 * (`dynamic_client_idle_days`, 0 = for ever) and the most REST access a dynamic client receives
 * (`dynamic_rest_access`). The policy is autoloaded: discovery reads it on every request.
 */
final class Registration_Settings {
	const MODE_OFF      = 'off';
	const MODE_LOOPBACK = 'loopback';
	const MODE_TOKEN    = 'token';
	const MODES         = array( self::MODE_OFF, self::MODE_LOOPBACK, self::MODE_TOKEN );

	const MODE_OPTION        = 'keystone_oidc_dynamic_registration';
	const IDLE_DAYS_OPTION   = 'keystone_oidc_dynamic_client_idle_days';
	const REST_ACCESS_OPTION = 'keystone_oidc_dynamic_rest_access';

	const DEFAULT_IDLE_DAYS = 90;
	const MAX_IDLE_DAYS     = 3650;

	/** The `/settings` fields this class owns. */
	const FIELDS = array( 'dynamic_registration', 'dynamic_client_idle_days', 'dynamic_rest_access' );

	const REST_ACCESS = array( Client::REST_NONE, Client::REST_READ, Client::REST_WRITE );

	public static function mode(): string {
		$mode = get_option( self::MODE_OPTION, self::MODE_OFF );
		return in_array( $mode, self::MODES, true ) ? $mode : self::MODE_OFF;
	}

	public static function idle_days(): int {
		$days = get_option( self::IDLE_DAYS_OPTION, self::DEFAULT_IDLE_DAYS );
		return is_numeric( $days ) ? max( 0, min( self::MAX_IDLE_DAYS, (int) $days ) ) : self::DEFAULT_IDLE_DAYS;
	}

	public static function rest_access(): string {
		$access = get_option( self::REST_ACCESS_OPTION, Client::REST_NONE );
		return in_array( $access, self::REST_ACCESS, true ) ? $access : Client::REST_NONE;
	}

	/**
	 * @return array{dynamic_registration: string, dynamic_client_idle_days: int, dynamic_rest_access: string}
	 */
	public static function to_array(): array {
		return array(
			'dynamic_registration'     => self::mode(),
			'dynamic_client_idle_days' => self::idle_days(),
			'dynamic_rest_access'      => self::rest_access(),
		);
	}

	/**
	 * As a `/settings` group (see `Container::setting_groups`).
	 */
	public static function group(): Setting_Group {
		return new class() implements Setting_Group {
			public function fields(): array {
				return Registration_Settings::FIELDS;
			}

			public function to_array(): array {
				return Registration_Settings::to_array();
			}

			public function validate( array $body ) {
				return Registration_Settings::validate( $body );
			}

			public function save( array $body ): void {
				Registration_Settings::save( $body );
			}

			public function schema(): array {
				return Registration_Settings::schema();
			}
		};
	}

	/**
	 * @param array<string,mixed> $body
	 * @return WP_Error|null The first of this class's fields the body names wrongly.
	 */
	public static function validate( array $body ) {
		$mode = $body['dynamic_registration'] ?? null;
		if ( array_key_exists( 'dynamic_registration', $body ) && ! ( is_string( $mode ) && in_array( $mode, self::MODES, true ) ) ) {
			/* translators: %s: the allowed values. */
			return self::invalid( 'keystone_oidc_invalid_dynamic_registration', sprintf( __( 'dynamic_registration must be one of: %s.', 'keystone-oidc' ), implode( ', ', self::MODES ) ) );
		}
		$days = $body['dynamic_client_idle_days'] ?? null;
		if ( array_key_exists( 'dynamic_client_idle_days', $body ) && ! ( is_int( $days ) && $days >= 0 && $days <= self::MAX_IDLE_DAYS ) ) {
			/* translators: %d: the largest number of days. */
			return self::invalid( 'keystone_oidc_invalid_idle_days', sprintf( __( 'dynamic_client_idle_days must be a whole number of days from 0 (never) to %d.', 'keystone-oidc' ), self::MAX_IDLE_DAYS ) );
		}
		$access = $body['dynamic_rest_access'] ?? null;
		if ( array_key_exists( 'dynamic_rest_access', $body ) && ! ( is_string( $access ) && in_array( $access, self::REST_ACCESS, true ) ) ) {
			/* translators: %s: the allowed values. */
			return self::invalid( 'keystone_oidc_invalid_dynamic_rest_access', sprintf( __( 'dynamic_rest_access must be one of: %s.', 'keystone-oidc' ), implode( ', ', self::REST_ACCESS ) ) );
		}
		return null;
	}

	/**
	 * Saves the fields the body names, once `validate` accepted the body.
	 *
	 * @param array<string,mixed> $body
	 */
	public static function save( array $body ): void {
		if ( isset( $body['dynamic_registration'] ) ) {
			update_option( self::MODE_OPTION, $body['dynamic_registration'], true );
		}
		if ( isset( $body['dynamic_client_idle_days'] ) ) {
			update_option( self::IDLE_DAYS_OPTION, $body['dynamic_client_idle_days'], false );
		}
		if ( isset( $body['dynamic_rest_access'] ) ) {
			update_option( self::REST_ACCESS_OPTION, $body['dynamic_rest_access'], true );
		}
	}

	/**
	 * @return array<string,array<string,mixed>>
	 */
	public static function schema(): array {
		return array(
			'dynamic_registration'     => array(
				'description' => __( 'Dynamic client registration (RFC 7591): "off", "loopback" (open, for public native and loopback clients only) or "token" (with an initial access token).', 'keystone-oidc' ),
				'type'        => 'string',
				'enum'        => self::MODES,
			),
			'dynamic_client_idle_days' => array(
				'description' => __( 'Days after which a dynamically registered client nobody used is deleted; 0 = never.', 'keystone-oidc' ),
				'type'        => 'integer',
			),
			'dynamic_rest_access'      => array(
				'description' => __( 'The rest_access every dynamically registered client receives.', 'keystone-oidc' ),
				'type'        => 'string',
				'enum'        => self::REST_ACCESS,
			),
		);
	}

	private static function invalid( string $code, string $message ): WP_Error {
		return new WP_Error( $code, $message, array( 'status' => 400 ) );
	}
}
