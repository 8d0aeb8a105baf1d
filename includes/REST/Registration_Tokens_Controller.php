<?php
declare(strict_types=1);

namespace Keystone_OIDC\REST;

use Keystone_OIDC\Container;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `/registration-tokens`: the RFC 7591 initial access tokens the `token` registration policy
 * requires. A token is shown once, in the answer that creates it; the list shows when each was
 * made and last used, never the token.
 */
final class Registration_Tokens_Controller extends Controller {
	public function __construct() {
		parent::__construct();
		$this->rest_base = 'registration-tokens';
	}

	public function register_routes(): void {
		$this->route(
			'',
			array(
				WP_REST_Server::READABLE  => 'get_items',
				WP_REST_Server::CREATABLE => 'create_item',
			)
		);
		$this->route(
			'/(?P<id>[0-9a-f]+)',
			array( WP_REST_Server::DELETABLE => 'delete_item' ),
			array(
				'id' => array(
					'description' => __( 'The initial access token\'s id.', 'keystone-oidc' ),
					'type'        => 'string',
				),
			)
		);
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response
	 */
	public function get_items( $request ) {
		return self::no_store( Container::site()->initial_access_tokens()->describe() );
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function create_item( $request ) {
		$created = Container::site()->initial_access_tokens()->create();
		if ( null === $created ) {
			return new WP_Error( 'keystone_oidc_too_many_registration_tokens', __( 'There are too many initial access tokens; revoke one first.', 'keystone-oidc' ), array( 'status' => 400 ) );
		}
		return self::no_store( $created, 201 );
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function delete_item( $request ) {
		if ( ! Container::site()->initial_access_tokens()->revoke( (string) $request['id'] ) ) {
			return new WP_Error( 'keystone_oidc_registration_token_not_found', __( 'No initial access token has this id.', 'keystone-oidc' ), array( 'status' => 404 ) );
		}
		return self::no_store( array( 'deleted' => true ) );
	}
}
