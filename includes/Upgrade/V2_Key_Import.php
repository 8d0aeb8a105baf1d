<?php
declare(strict_types=1);

namespace Keystone_OIDC\Upgrade;

use Keystone_OIDC\Clock;
use Keystone_OIDC\Container;
use Keystone_OIDC\Keys\Key_Store;

/**
 * Keystone OIDC 2.x kept one RSA key pair in plain options, the private half in clear text. The
 * private half is deleted; the public half is published as a retired key under its 2.x kid for
 * as long as a token it signed can live, so 2.x access and ID tokens keep verifying.
 */
final class V2_Key_Import {
	const PRIVATE_KEY_OPTION = 'keystone_oidc_private_key';
	const PUBLIC_KEY_OPTION  = 'keystone_oidc_public_key';

	/**
	 * 2.x access and ID tokens lived one hour.
	 */
	const V2_TOKEN_LIFETIME = 3600;

	public static function pending(): bool {
		return false !== get_option( self::PRIVATE_KEY_OPTION ) || false !== get_option( self::PUBLIC_KEY_OPTION );
	}

	public static function run(): void {
		delete_option( self::PRIVATE_KEY_OPTION );
		$pem = get_option( self::PUBLIC_KEY_OPTION );
		$kid = V2_Identity::kid();
		if ( ! is_string( $pem ) || '' === $pem || '' === $kid ) {
			return;
		}
		$key     = openssl_pkey_get_public( $pem );
		$details = false === $key ? false : openssl_pkey_get_details( $key );
		if ( false === $details || ! isset( $details['rsa'] ) ) {
			return;
		}
		// The store keeps a retired key for its retention after retirement; dated so that this one
		// stays exactly as long as the last token 2.x signed before the upgrade.
		$retired_at = Clock::now() + self::V2_TOKEN_LIFETIME - Key_Store::retention();
		Container::site()->key_store()->add_retired_public_key( $details['key'], $kid, 'RS256', $retired_at );
	}

	/**
	 * The public half is no longer read once it is in the store.
	 */
	public static function forget_public_key(): void {
		delete_option( self::PUBLIC_KEY_OPTION );
	}
}
