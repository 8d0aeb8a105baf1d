<?php
declare(strict_types=1);

namespace Keystone_OIDC\REST;

use Keystone_OIDC\Container;
use Keystone_OIDC\Keys\Keys_Unavailable;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `/keys/rotate`: a new current signing key. Tokens signed by the old one stay valid: its public
 * key stays in the JWKS until they have expired.
 */
final class Keys_Controller extends Controller {
	public function __construct() {
		parent::__construct();
		$this->rest_base = 'keys';
	}

	public function register_routes(): void {
		$this->route( '/rotate', array( WP_REST_Server::CREATABLE => 'rotate' ) );
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function rotate( $request ) {
		try {
			return self::no_store( array( 'kid' => Container::site()->key_store()->rotate() ) );
		} catch ( Keys_Unavailable $failure ) {
			return self::keys_unavailable( $failure );
		}
	}
}
