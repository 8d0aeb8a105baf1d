<?php
declare(strict_types=1);

namespace Keystone_OIDC\REST;

use Keystone_OIDC\Clients\Client_Manager;
use Keystone_OIDC\Container;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `POST /clients/{client_id}/test-sign-in`: starts a Test sign-in of the client for the calling
 * administrator (docs/test-sign-in.md). 201 with the authorization URL to open; the test session
 * behind it is the administrator's alone, single use and short-lived.
 */
final class Test_Sign_In_Controller extends Controller {
	public function __construct() {
		parent::__construct();
		$this->rest_base = 'clients';
	}

	public function register_routes(): void {
		$this->route( '/(?P<client_id>[^/]+)/test-sign-in', array( WP_REST_Server::CREATABLE => 'start' ), self::client_id_argument() );
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function start( $request ) {
		$container = Container::site();
		$client    = $container->test_sign_in_clients()->find( (string) $request['client_id'] );
		if ( null === $client ) {
			return Client_Manager::not_found();
		}
		return self::no_store( $container->test_sign_in_start()->start( get_current_user_id(), $client ), 201 );
	}
}
