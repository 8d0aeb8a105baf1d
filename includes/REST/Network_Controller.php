<?php
declare(strict_types=1);

namespace Keystone_OIDC\REST;

use Keystone_OIDC\Container;
use Keystone_OIDC\Multisite\Network_Provider;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `/network` (multisite only): which site, if any, is the identity provider of every user of the
 * network. Only a network administrator may read or change it (the network capability of
 * `Multisite\Network_Privileges`); on a single site the route answers 404.
 */
final class Network_Controller extends Controller {
	/** Sites offered by the Network Admin screen; a larger network types a site ID instead. */
	const LISTED_SITES = 200;

	public function __construct() {
		parent::__construct();
		$this->rest_base = 'network';
	}

	public function register_routes(): void {
		$this->route(
			'',
			array(
				WP_REST_Server::READABLE => 'get_item',
				WP_REST_Server::EDITABLE => 'update_item',
			)
		);
	}

	/**
	 * @return true|WP_Error
	 */
	public function check_permission() {
		if ( ! is_multisite() ) {
			return new WP_Error( 'keystone_oidc_not_multisite', __( 'This site is not part of a multisite network.', 'keystone-oidc' ), array( 'status' => 404 ) );
		}
		if ( current_user_can( Container::site()->network_privileges()->capability() ) ) {
			return true;
		}
		return new WP_Error(
			'keystone_oidc_network_capability_required',
			__( 'Only a network administrator may change the network\'s OpenID Connect settings.', 'keystone-oidc' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response
	 */
	public function get_item( $request ) {
		$sites = array();
		foreach ( get_sites( array( 'number' => self::LISTED_SITES ) ) as $site ) {
			$sites[] = array(
				'id'   => (int) $site->blog_id,
				'name' => (string) get_blog_option( (int) $site->blog_id, 'blogname' ),
				'url'  => untrailingslashit( get_home_url( (int) $site->blog_id ) ),
			);
		}
		return self::no_store(
			array(
				'identity_provider' => Network_Provider::site_id(),
				'sites'             => $sites,
			)
		);
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function update_item( $request ) {
		$site_id = $request->get_param( 'identity_provider' );
		if ( ! is_int( $site_id ) || $site_id < 0 ) {
			return new WP_Error( 'keystone_oidc_invalid_identity_provider', __( 'identity_provider must be a site ID, or 0 for none.', 'keystone-oidc' ), array( 'status' => 400 ) );
		}
		$chosen = Network_Provider::choose( $site_id );
		if ( $chosen instanceof WP_Error ) {
			return $chosen;
		}
		return $this->get_item( $request );
	}
}
