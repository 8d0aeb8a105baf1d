<?php
declare(strict_types=1);

namespace Keystone_OIDC\Multisite;

/**
 * The network setting that makes one site the identity provider of every user of the network
 * (0 = none: each site serves its own members). A network option, chosen in Network Admin
 * (`Network_Settings_Page`); read only when a sign-in is checked, never on a page view.
 */
final class Network_Provider {
	const OPTION = 'keystone_oidc_network_provider';

	public static function site_id(): int {
		if ( ! is_multisite() ) {
			return 0;
		}
		$id = get_site_option( self::OPTION, 0 );
		return is_numeric( $id ) ? max( 0, (int) $id ) : 0;
	}

	public static function is_current_site(): bool {
		$id = self::site_id();
		return 0 !== $id && get_current_blog_id() === $id;
	}

	/**
	 * @return true|\WP_Error
	 */
	public static function choose( int $site_id ) {
		if ( 0 !== $site_id && null === get_site( $site_id ) ) {
			return new \WP_Error( 'keystone_oidc_unknown_site', __( 'There is no such site in this network.', 'keystone-oidc' ), array( 'status' => 400 ) );
		}
		update_site_option( self::OPTION, $site_id );
		return true;
	}
}
