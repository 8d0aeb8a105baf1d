<?php
declare(strict_types=1);

namespace Keystone_OIDC\REST;

use Keystone_OIDC\Container;
use Keystone_OIDC\Registration\Dynamic_Registration;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `/registrations`: how each dynamically registered client came to be (when, and with which
 * initial access token or by open registration) and when it was last used, for the Clients screen.
 */
final class Registrations_Controller extends Controller {
	public function __construct() {
		parent::__construct();
		$this->rest_base = 'registrations';
	}

	public function register_routes(): void {
		$this->route( '', array( WP_REST_Server::READABLE => 'get_items' ) );
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response
	 */
	public function get_items( $request ) {
		return self::no_store(
			array_values(
				array_map(
					static function ( Dynamic_Registration $registration ): array {
						return array(
							'client_id'     => $registration->client_id,
							'registered_by' => '' === $registration->registered_by ? null : $registration->registered_by,
							'registered_at' => $registration->registered_at,
							'last_used_at'  => $registration->last_used_at,
						);
					},
					Container::site()->registrations()->all()
				)
			)
		);
	}
}
