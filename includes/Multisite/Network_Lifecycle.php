<?php
declare(strict_types=1);

namespace Keystone_OIDC\Multisite;

use Keystone_OIDC\Container;
use Keystone_OIDC\Plugin;
use Keystone_OIDC\Uninstaller;

/**
 * The plugin's life on a multisite network. Each site is its own provider with its own tables,
 * keys and options (`$wpdb->prefix` and the options table are per site already). Network
 * activation sets up only the site it runs on: every other site is set up by the first request it
 * gets (`Activator::maybe_upgrade`), never all at once, since a network may have thousands.
 * Deleting a site drops what the plugin stored for it; the database-error drop-in, one file for
 * the whole network, follows network activation only.
 */
final class Network_Lifecycle {
	const PLUGIN = 'keystone-oidc/keystone-oidc.php';

	/** Sites handled per query when every site of a network is visited. */
	const BATCH = 100;

	/**
	 * Whether this activation or deactivation manages the network-wide drop-in: always on a
	 * single site; on a network only network-wide, or on the main site of a network-activated
	 * plugin (a schema upgrade there rewrites it).
	 */
	public static function manages_dropin( bool $network_wide ): bool {
		return ! is_multisite() || $network_wide || ( is_main_site() && self::network_active() );
	}

	public static function network_active(): bool {
		// A core network option WordPress loads with the network: no query.
		return is_multisite() && isset( ( (array) get_site_option( 'active_sitewide_plugins', array() ) )[ self::PLUGIN ] );
	}

	/**
	 * `wp_uninitialize_site`, before WordPress drops the site's own tables: drops the plugin's,
	 * its options (keys included) and its scheduled event.
	 */
	public static function forget_site( \WP_Site $site ): void {
		switch_to_blog( (int) $site->blog_id );
		Uninstaller::clean_site();
		restore_current_blog();
	}

	/**
	 * Network deactivation: no site keeps the hourly event of a plugin that no longer runs there,
	 * and each site regenerates its rewrite rules without the plugin's endpoints.
	 */
	public static function deactivate_everywhere(): void {
		self::each_site(
			static function (): void {
				Plugin::unschedule_events();
				delete_option( 'rewrite_rules' );
			}
		);
	}

	/**
	 * Runs `$task` switched to every site of the network, in batches.
	 *
	 * @param callable():void $task
	 */
	public static function each_site( callable $task ): void {
		for ( $offset = 0; ; $offset += self::BATCH ) {
			$ids = get_sites(
				array(
					'fields' => 'ids',
					'number' => self::BATCH,
					'offset' => $offset,
					'orderby' => 'id',
				)
			);
			foreach ( $ids as $id ) {
				switch_to_blog( (int) $id );
				$task();
				restore_current_blog();
			}
			if ( count( $ids ) < self::BATCH ) {
				return;
			}
		}
	}

	/**
	 * A site switch: the objects built for the site before belong to it (its keys, its issuer).
	 */
	public static function site_switched(): void {
		Container::reset();
	}
}
