<?php
declare(strict_types=1);

namespace Keystone_OIDC\REST;

/**
 * Registers the admin REST API (`keystone-oidc/v1`) on `rest_api_init`.
 */
final class Routes {
	public static function register(): void {
		$controllers = array(
			new Clients_Controller(),
			new Settings_Controller(),
			new Keys_Controller(),
			new Tokens_Controller(),
			new Applications_Controller(),
			new Claims_Controller(),
			new Registration_Tokens_Controller(),
			new Registrations_Controller(),
			new Test_Sign_In_Controller(),
			new Network_Controller(),
			new Activity_Controller(),
		);
		foreach ( $controllers as $controller ) {
			$controller->register_routes();
		}
	}
}
