<?php
declare(strict_types=1);

namespace Keystone_OIDC;

use Keystone_OIDC\Storage\Schema;
use Keystone_OIDC\Upgrade\V2_Tables;

/**
 * Leaves nothing behind: tables, every `keystone_oidc_*` option and transient, scheduled events.
 */
final class Uninstaller {
	public static function run(): void {
		global $wpdb;
		Plugin::unschedule_events();
		Schema::drop();
		// Tables an interrupted upgrade from Keystone OIDC 2.x left aside.
		foreach ( array_keys( V2_Tables::MARKERS ) as $which ) {
			V2_Tables::drop_aside( $which );
		}
		$like  = $wpdb->esc_like( 'keystone_oidc_' ) . '%';
		$names = $wpdb->get_col(
			$wpdb->prepare(
				"SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s OR option_name LIKE %s",
				$like,
				$wpdb->esc_like( '_transient_keystone_oidc_' ) . '%',
				$wpdb->esc_like( '_transient_timeout_keystone_oidc_' ) . '%'
			)
		);
		foreach ( $names as $name ) {
			delete_option( $name );
		}
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->usermeta} WHERE meta_key LIKE %s", $like ) );
	}
}
