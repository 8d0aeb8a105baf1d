<?php
declare(strict_types=1);

namespace Keystone_OIDC\REST;

use Keystone_OIDC\Keys\Keys_Unavailable;
use WP_Error;
use WP_REST_Controller;
use WP_REST_Response;

/**
 * What every admin REST controller shares: the namespace, the one permission rule, and answers
 * that must not be stored by any cache.
 */
abstract class Controller extends WP_REST_Controller {
	const REST_NAMESPACE = 'keystone-oidc/v1';

	public function __construct() {
		$this->namespace = self::REST_NAMESPACE;
	}

	/**
	 * Registers one route of this controller: each set of HTTP methods answered by a method of this
	 * class, every one behind `check_permission`.
	 *
	 * @param string                $path     Below the controller's base ('' for the base itself).
	 * @param array<string,string>  $handlers HTTP methods (`WP_REST_Server` constants) => method name.
	 * @param array<string,mixed>   $args     The route's path arguments.
	 * @param bool                  $schema   Whether the route publishes the item schema.
	 */
	protected function route( string $path, array $handlers, array $args = array(), bool $schema = false ): void {
		$route = array();
		if ( array() !== $args ) {
			$route['args'] = $args;
		}
		foreach ( $handlers as $methods => $callback ) {
			$route[] = array(
				'methods'             => $methods,
				'callback'            => array( $this, $callback ),
				'permission_callback' => array( $this, 'check_permission' ),
			);
		}
		if ( $schema ) {
			$route['schema'] = array( $this, 'get_public_item_schema' );
		}
		register_rest_route( $this->namespace, '/' . $this->rest_base . $path, $route );
	}

	/**
	 * The `client_id` path argument of the routes of one client.
	 *
	 * @return array<string,array<string,string>>
	 */
	protected static function client_id_argument(): array {
		return array(
			'client_id' => array(
				'description' => __( 'The client identifier.', 'keystone-oidc' ),
				'type'        => 'string',
			),
		);
	}

	/**
	 * Every route needs `manage_options`: 401 for an anonymous request, 403 for a user without it.
	 *
	 * @return true|WP_Error
	 */
	public function check_permission() {
		if ( current_user_can( 'manage_options' ) ) {
			return true;
		}
		return new WP_Error(
			'keystone_oidc_forbidden',
			__( 'Sorry, you are not allowed to manage OpenID Connect.', 'keystone-oidc' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * No signing key exists and OpenSSL cannot make one now: a state of the server (503), which the
	 * admin notice explains, never a PHP fatal error.
	 */
	public static function keys_unavailable( Keys_Unavailable $failure ): WP_Error {
		return new WP_Error(
			'keystone_oidc_keys_unavailable',
			__( 'No signing key could be created.', 'keystone-oidc' ) . ' ' . $failure->getMessage(),
			array( 'status' => 503 )
		);
	}

	/**
	 * @param mixed $data
	 */
	protected static function no_store( $data, int $status = 200 ): WP_REST_Response {
		$response = new WP_REST_Response( $data, $status );
		$response->header( 'Cache-Control', 'no-store' );
		$response->header( 'Pragma', 'no-cache' );
		return $response;
	}
}
