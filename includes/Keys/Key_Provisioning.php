<?php
declare(strict_types=1);

namespace Keystone_OIDC\Keys;

use Keystone_OIDC\Container;

/**
 * Makes the signing keys without ever failing the request that tries: activation must succeed on a
 * host where OpenSSL cannot make a key yet, so the reason is kept for the admin notice and the keys
 * are made later, on the next admin visit or by the first request that needs one.
 */
final class Key_Provisioning {
	/**
	 * Why the last attempt failed, absent once keys exist. Autoloaded: every admin page asks.
	 */
	const FAILURE_OPTION = 'keystone_oidc_key_failure';

	/**
	 * @return bool Whether a current key of every algorithm exists now.
	 */
	public static function ensure(): bool {
		try {
			Container::site()->key_store()->ensure();
		} catch ( Keys_Unavailable $failure ) {
			update_option( self::FAILURE_OPTION, $failure->getMessage(), true );
			return false;
		}
		if ( false !== get_option( self::FAILURE_OPTION ) ) {
			delete_option( self::FAILURE_OPTION );
		}
		return true;
	}

	/**
	 * Tries again on an admin page load while an earlier attempt failed; costs nothing otherwise.
	 */
	public static function retry_after_failure(): void {
		if ( false !== self::failure() ) {
			self::ensure();
		}
	}

	/**
	 * @return string|false Why keys could not be made, or false when nothing failed.
	 */
	public static function failure() {
		$failure = get_option( self::FAILURE_OPTION );
		return is_string( $failure ) ? $failure : false;
	}
}
