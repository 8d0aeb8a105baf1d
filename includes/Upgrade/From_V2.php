<?php
declare(strict_types=1);

namespace Keystone_OIDC\Upgrade;

use Keystone_OIDC\Config;
use Keystone_OIDC\Container;
use Keystone_OIDC\Keys\Key_Store;
use Keystone_OIDC\Storage\Database_Error;
use Keystone_OIDC\Storage\Named_Lock;
use Keystone_OIDC\Storage\Schema;

/**
 * The schema upgrade from Keystone OIDC 2.x, run by activation and by the version check after
 * files were replaced without one. Each step is idempotent and finds out from the database how
 * far an earlier, interrupted run came; the schema version is recorded only after the last step,
 * so until then every request tries again. Nothing is dropped before it is known to be copied.
 *
 * Order: move the 2.x tables aside; create ours; record the 2.x issuer and kid; publish the 2.x
 * public key and delete its private key; copy clients and tokens; check the copies; drop the
 * tables aside (with them the 2.x codes, which live ten minutes and are not carried over); delete
 * the 2.x options no longer needed.
 */
final class From_V2 {
	/**
	 * Stored as the schema version while the upgrade is under way: never equal to a current one.
	 */
	const IN_PROGRESS = 'from-2.x';

	/**
	 * Long enough for another request's copy of a large token table to finish.
	 */
	const LOCK_WAIT_SECONDS = 20;

	const LOCK = 'upgrade-from-2x';

	/**
	 * @return bool True when nothing of 2.x is left (or there never was), false when the upgrade
	 *              could not finish in this request: the caller must not touch the tables then.
	 */
	public static function run(): bool {
		if ( ! self::needed() ) {
			return true;
		}
		try {
			$locked = Named_Lock::acquire( self::LOCK, self::LOCK_WAIT_SECONDS );
		} catch ( Database_Error $failure ) {
			$locked = false;
		}
		if ( ! $locked ) {
			return false;
		}
		try {
			// Another request may have finished while this one waited for the lock, and this one's
			// options were read before: without a persistent object cache they are stale now, and
			// `add_option()` on a stale "does not exist" would overwrite what that request stored.
			self::forget_cached_options();
			return ! self::needed() || self::steps();
		} catch ( \Throwable $failure ) {
			// Left as far as it came: the next request resumes from there.
			return false;
		} finally {
			Named_Lock::release( self::LOCK );
		}
	}

	private static function forget_cached_options(): void {
		wp_cache_delete( 'alloptions', 'options' );
		wp_cache_delete( 'notoptions', 'options' );
		foreach ( array( V2_Identity::OPTION, V2_Key_Import::PRIVATE_KEY_OPTION, V2_Key_Import::PUBLIC_KEY_OPTION, V2_Identity::V2_ISSUER_OPTION, V2_Identity::V2_KID_OPTION, Config::ISSUER_MODE_OPTION, Key_Store::OPTION, Schema::VERSION_OPTION ) as $option ) {
			wp_cache_delete( $option, 'options' );
		}
		Container::site()->key_store()->reload();
	}

	/**
	 * A site whose schema version is one of ours, and not this upgrade's mark, has only our tables:
	 * asking the database about 2.x shapes is left to sites without one (fresh, or still 2.x).
	 */
	public static function needed(): bool {
		if ( V2_Key_Import::pending() ) {
			return true;
		}
		$version = get_option( Schema::VERSION_OPTION );
		if ( false !== $version && self::IN_PROGRESS !== $version ) {
			return false;
		}
		return V2_Tables::present();
	}

	private static function steps(): bool {
		update_option( Schema::VERSION_OPTION, self::IN_PROGRESS, true );
		V2_Tables::move_aside();
		Schema::create_tables();
		V2_Identity::adopt();
		V2_Key_Import::run();
		V2_Client_Copy::run();
		V2_Token_Copy::run();
		if ( ! V2_Client_Copy::complete() || ! V2_Token_Copy::complete() ) {
			return false;
		}
		foreach ( array( V2_Tables::TOKENS, V2_Tables::CODES, V2_Tables::CLIENTS ) as $which ) {
			V2_Tables::drop_aside( $which );
		}
		delete_option( V2_Identity::V2_ISSUER_OPTION );
		delete_option( V2_Identity::V2_KID_OPTION );
		// Last: while it exists, `needed()` sends the next request back here.
		V2_Key_Import::forget_public_key();
		return true;
	}
}
