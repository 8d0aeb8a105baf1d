<?php
declare(strict_types=1);

namespace Keystone_OIDC\REST;

use Keystone_OIDC\Container;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `/tokens/revoke-all`: signs every user out of every client at once (what key rotation
 * deliberately does not do).
 */
final class Tokens_Controller extends Controller {
	public function __construct() {
		parent::__construct();
		$this->rest_base = 'tokens';
	}

	public function register_routes(): void {
		$this->route( '/revoke-all', array( WP_REST_Server::CREATABLE => 'revoke_all' ) );
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response
	 */
	public function revoke_all( $request ) {
		return self::no_store( array( 'revoked' => Container::site()->token_store()->revoke_all() ) );
	}
}
