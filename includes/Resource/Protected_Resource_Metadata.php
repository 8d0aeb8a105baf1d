<?php
declare(strict_types=1);

namespace Keystone_OIDC\Resource;

use Keystone_OIDC\Config;
use Keystone_OIDC\Endpoints\Endpoint;
use Keystone_OIDC\Http\Method_Guard;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Http\Responder;

/**
 * RFC 9728 protected resource metadata for the WordPress REST API, served at
 * `/.well-known/oauth-protected-resource` and at the path-suffixed form for the REST root
 * (`/.well-known/oauth-protected-resource/wp-json`, §3.1), identical at both. Built from
 * configuration alone, like discovery.
 */
final class Protected_Resource_Metadata implements Endpoint {
	const MAX_AGE = 3600;

	public function handle( Request $request, string $name ): void {
		if ( ! Method_Guard::allow( $request, array( 'GET', 'HEAD' ) ) ) {
			return;
		}
		Responder::public_json( $request, self::metadata(), self::MAX_AGE );
	}

	/**
	 * @return array<string,mixed>
	 */
	public static function metadata(): array {
		return array(
			'resource'                 => Config::rest_resource(),
			'authorization_servers'    => array( Config::issuer() ),
			'scopes_supported'         => Rest_Scope_Policy::SCOPES,
			'bearer_methods_supported' => array( 'header' ),
			/* translators: %s: the site's name */
			'resource_name'            => sprintf( __( '%s REST API', 'keystone-oidc' ), wp_specialchars_decode( (string) get_bloginfo( 'name' ), ENT_QUOTES ) ),
		);
	}
}
