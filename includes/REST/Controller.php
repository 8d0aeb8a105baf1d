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
	protected static function keys_unavailable( Keys_Unavailable $failure ): WP_Error {
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
