<?php
declare(strict_types=1);

namespace Keystone_OIDC;

use Keystone_OIDC\Storage\Schema;

/**
 * Leaves nothing behind: tables, every `keystone_oidc_*` option and transient, scheduled events.
 */
final class Uninstaller {
	public static function run(): void {
		global $wpdb;
		Plugin::unschedule_events();
		Schema::drop();
		$like = $wpdb->esc_like( 'keystone_oidc_' ) . '%';
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
