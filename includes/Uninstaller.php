<?php
declare(strict_types=1);

namespace Keystone_OIDC;

use Keystone_OIDC\Multisite\Network_Lifecycle;
use Keystone_OIDC\Storage\Schema;
use Keystone_OIDC\Upgrade\V2_Tables;

/**
 * Leaves nothing behind: tables, every `keystone_oidc_*` option and transient, scheduled events,
 * user meta; on a multisite network on every site, plus the network's options and the tables of
 * sites deleted while the plugin was not running there.
 */
final class Uninstaller {
	public static function run(): void {
		if ( is_multisite() ) {
			Network_Lifecycle::each_site( array( self::class, 'clean_site' ) );
			self::clean_network();
		} else {
			self::clean_site();
		}
		self::clean_user_meta();
	}

	/**
	 * What the plugin stored for the current site.
	 */
	public static function clean_site(): void {
		global $wpdb;
		Plugin::unschedule_events();
		Schema::drop();
		// Tables an interrupted upgrade from Keystone OIDC 2.x left aside.
		foreach ( array_keys( V2_Tables::MARKERS ) as $which ) {
			V2_Tables::drop_aside( $which );
		}
		$names = $wpdb->get_col(
			$wpdb->prepare(
				"SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s OR option_name LIKE %s",
				self::like(),
				$wpdb->esc_like( '_transient_keystone_oidc_' ) . '%',
				$wpdb->esc_like( '_transient_timeout_keystone_oidc_' ) . '%'
			)
		);
		foreach ( $names as $name ) {
			delete_option( $name );
		}
	}

	/**
	 * User meta is one table for the whole network.
	 */
	private static function clean_user_meta(): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->usermeta} WHERE meta_key LIKE %s", self::like() ) );
	}

	private static function clean_network(): void {
		global $wpdb;
		$names = $wpdb->get_col( $wpdb->prepare( "SELECT meta_key FROM {$wpdb->sitemeta} WHERE meta_key LIKE %s", self::like() ) );
		foreach ( $names as $name ) {
			delete_site_option( $name );
		}
		// A site deleted while the plugin was active on it alone (not on the main site) kept its
		// tables: nothing of the plugin ran in the request that deleted it.
		$suffixes = array();
		foreach ( Schema::tables() as $table ) {
			$suffixes[] = preg_quote( substr( $table, strlen( $wpdb->prefix ) ), '/' );
		}
		$pattern = '/^' . preg_quote( $wpdb->base_prefix, '/' ) . '[0-9]+_(' . implode( '|', $suffixes ) . ')$/';
		foreach ( (array) $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->base_prefix ) . '%' ) ) as $table ) {
			if ( preg_match( $pattern, (string) $table ) ) {
				$wpdb->query( "DROP TABLE IF EXISTS `{$table}`" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- a name matched against our own table names.
			}
		}
	}

	private static function like(): string {
		global $wpdb;
		return $wpdb->esc_like( 'keystone_oidc_' ) . '%';
	}
}
