<?php
declare(strict_types=1);

namespace Keystone_OIDC\REST;

use Keystone_OIDC\Config;
use Keystone_OIDC\Endpoints\Router;
use Keystone_OIDC\Keys\Key_Store;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `/settings`: what an administrator copies into a relying party, plus what the admin screens
 * need to describe the provider (its keys, scopes and roles).
 */
final class Settings_Controller extends Controller {
	public function __construct() {
		parent::__construct();
		$this->rest_base = 'settings';
	}

	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'check_permission' ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response
	 */
	public function get_item( $request ) {
		$endpoints = array();
		foreach ( array_keys( Router::paths() ) as $name ) {
			$endpoints[ $name ] = Router::url( $name );
		}
		$keys  = Key_Store::instance();
		$roles = array();
		foreach ( wp_roles()->get_names() as $slug => $name ) {
			$roles[] = array(
				'slug' => (string) $slug,
				'name' => translate_user_role( $name ),
			);
		}

		return self::no_store(
			array(
				'issuer'            => Config::issuer(),
				'discovery_url'     => Router::url( 'discovery' ),
				'endpoints'         => $endpoints,
				'kid'               => $keys->current_kid( 'RS256' ),
				'version'           => KEYSTONE_OIDC_VERSION,
				'pretty_permalinks' => '' !== (string) get_option( 'permalink_structure' ),
				'keys'              => $keys->describe(),
				'scopes_supported'  => Config::supported_scopes(),
				'roles'             => $roles,
			)
		);
	}

	/**
	 * @return array<string,mixed>
	 */
	public function get_item_schema() {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'keystone-oidc-settings',
			'type'       => 'object',
			'properties' => array(
				'issuer'            => array(
					'description' => __( 'The issuer: the home URL without a trailing slash.', 'keystone-oidc' ),
					'type'        => 'string',
					'format'      => 'uri',
					'readonly'    => true,
				),
				'discovery_url'     => array(
					'description' => __( 'The OpenID Connect discovery document.', 'keystone-oidc' ),
					'type'        => 'string',
					'format'      => 'uri',
					'readonly'    => true,
				),
				'endpoints'         => array(
					'description'          => __( 'Endpoint name to URL.', 'keystone-oidc' ),
					'type'                 => 'object',
					'additionalProperties' => array(
						'type'   => 'string',
						'format' => 'uri',
					),
					'readonly'             => true,
				),
				'kid'               => array(
					'description' => __( 'Key ID of the current RS256 signing key.', 'keystone-oidc' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'version'           => array(
					'description' => __( 'Plugin version.', 'keystone-oidc' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'pretty_permalinks' => array(
					'description' => __( 'Whether pretty permalinks are on. The endpoints answer either way where the web server passes every path to WordPress.', 'keystone-oidc' ),
					'type'        => 'boolean',
					'readonly'    => true,
				),
				'keys'              => array(
					'description' => __( 'Published signing keys: current ones have no retired_at; retired ones leave the JWKS at expires_at (unix times).', 'keystone-oidc' ),
					'type'        => 'array',
					'readonly'    => true,
					'items'       => array(
						'type'       => 'object',
						'properties' => array(
							'kid'        => array( 'type' => 'string' ),
							'alg'        => array( 'type' => 'string' ),
							'created_at' => array( 'type' => 'integer' ),
							'retired_at' => array( 'type' => array( 'integer', 'null' ) ),
							'expires_at' => array( 'type' => array( 'integer', 'null' ) ),
						),
					),
				),
				'scopes_supported'  => array(
					'description' => __( 'Scopes a client may be allowed.', 'keystone-oidc' ),
					'type'        => 'array',
					'items'       => array( 'type' => 'string' ),
					'readonly'    => true,
				),
				'roles'             => array(
					'description' => __( 'The site\'s roles, for a client\'s allowed_roles.', 'keystone-oidc' ),
					'type'        => 'array',
					'readonly'    => true,
					'items'       => array(
						'type'       => 'object',
						'properties' => array(
							'slug' => array( 'type' => 'string' ),
							'name' => array( 'type' => 'string' ),
						),
					),
				),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}
}
