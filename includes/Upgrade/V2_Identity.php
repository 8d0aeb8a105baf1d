<?php
declare(strict_types=1);

namespace Keystone_OIDC\Upgrade;

use Keystone_OIDC\Clock;
use Keystone_OIDC\Config;
use Keystone_OIDC\Endpoints\Router;

/**
 * What relying parties configured against Keystone OIDC 2.x know of this provider: its issuer
 * (`<home>/wenisch-tech/keystone-oidc`, or the `keystone_oidc_issuer` option when an admin set
 * one) and the kid of its signing key. Recorded once by the upgrade in one autoloaded option, so
 * the issuer costs no query per request.
 */
final class V2_Identity {
	const OPTION = 'keystone_oidc_v2';

	/**
	 * The 2.x options this reads; the upgrade deletes them once everything is carried over.
	 */
	const V2_ISSUER_OPTION = 'keystone_oidc_issuer';
	const V2_KID_OPTION    = 'keystone_oidc_key_id';

	/**
	 * 2.x's own fallback when its kid option was missing.
	 */
	const V2_DEFAULT_KID = 'key1';

	/**
	 * The 2.x issuer, byte for byte as 2.x computed it: the home URL follows the site, a custom
	 * value stays as the admin wrote it (without a trailing slash).
	 */
	public static function issuer(): string {
		$custom = self::fact( 'issuer' );
		return '' !== $custom ? $custom : untrailingslashit( home_url() ) . '/' . Router::BASE;
	}

	/**
	 * The kid 2.x signed with, or '' on a site that never ran 2.x.
	 */
	public static function kid(): string {
		return self::fact( 'kid' );
	}

	/**
	 * Records the 2.x issuer and kid and puts the site in the legacy issuer mode, once: a rerun
	 * finds the record and leaves an admin's later choice of mode alone.
	 */
	public static function adopt(): void {
		if ( is_array( get_option( self::OPTION ) ) ) {
			return;
		}
		update_option( Config::ISSUER_MODE_OPTION, Config::ISSUER_MODE_LEGACY, true );
		add_option(
			self::OPTION,
			array(
				'issuer'      => self::custom_issuer(),
				'kid'         => self::stored_kid(),
				'upgraded_at' => Clock::now(),
			),
			'',
			'yes'
		);
	}

	/**
	 * 2.x ignored an empty value and one equal to the home URL.
	 */
	private static function custom_issuer(): string {
		$value = get_option( self::V2_ISSUER_OPTION, '' );
		$value = is_string( $value ) ? untrailingslashit( trim( $value ) ) : '';
		return untrailingslashit( home_url() ) === $value ? '' : $value;
	}

	private static function stored_kid(): string {
		$kid = get_option( self::V2_KID_OPTION, self::V2_DEFAULT_KID );
		return is_string( $kid ) && '' !== $kid ? $kid : self::V2_DEFAULT_KID;
	}

	private static function fact( string $name ): string {
		$facts = get_option( self::OPTION );
		return is_array( $facts ) && isset( $facts[ $name ] ) && is_string( $facts[ $name ] ) ? $facts[ $name ] : '';
	}
}
