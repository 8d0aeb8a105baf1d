<?php
declare(strict_types=1);

namespace Keystone_OIDC\Registration;

use Keystone_OIDC\Clients\Client;
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
	 * Checks every field of this class the body names, then saves them: nothing is saved when one
	 * is wrong.
	 *
	 * @param array<string,mixed> $body
	 * @return WP_Error|null
	 */
	public static function update( array $body ) {
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
		if ( is_string( $mode ) ) {
			update_option( self::MODE_OPTION, $mode, true );
		}
		if ( is_int( $days ) ) {
			update_option( self::IDLE_DAYS_OPTION, $days, false );
		}
		if ( is_string( $access ) ) {
			update_option( self::REST_ACCESS_OPTION, $access, true );
		}
		return null;
	}

	private static function invalid( string $code, string $message ): WP_Error {
		return new WP_Error( $code, $message, array( 'status' => 400 ) );
	}
}
