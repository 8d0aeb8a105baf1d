<?php
declare(strict_types=1);

namespace Keystone_OIDC\REST;

use Keystone_OIDC\Config;
use Keystone_OIDC\Container;
use Keystone_OIDC\Endpoints\Router;
use Keystone_OIDC\Keys\Keys_Unavailable;
use WP_Error;
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
		$this->route(
			'',
			array(
				WP_REST_Server::READABLE => 'get_item',
				WP_REST_Server::EDITABLE => 'update_item',
			),
			array(),
			true
		);
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function get_item( $request ) {
		$endpoints = array();
		foreach ( array_keys( Router::paths() ) as $name ) {
			$endpoints[ $name ] = Router::url( $name );
		}
		$keys = Container::site()->key_store();
		try {
			$kid          = $keys->current_kid( 'RS256' );
			$descriptions = $keys->describe();
		} catch ( Keys_Unavailable $failure ) {
			return self::keys_unavailable( $failure );
		}
		$roles = array();
		foreach ( wp_roles()->get_names() as $slug => $name ) {
			$roles[] = array(
				'slug' => (string) $slug,
				'name' => translate_user_role( $name ),
			);
		}

		$settings = array(
			'issuer'            => Config::issuer(),
			'discovery_url'     => self::discovery_url( $endpoints ),
			'endpoints'         => $endpoints,
			'kid'               => $kid,
			'version'           => KEYSTONE_OIDC_VERSION,
			'pretty_permalinks' => '' !== (string) get_option( 'permalink_structure' ),
			'keys'              => $descriptions,
			'scopes_supported'  => Config::supported_scopes(),
			'roles'             => $roles,
		);
		return self::no_store( $settings + self::current_values( Container::site()->setting_groups() ) );
	}

	/**
	 * Where a relying party given the issuer looks (OIDC Discovery §4): below the issuer itself
	 * when this site serves that path (a fixed path, or an issuer set by hand below the home URL:
	 * `Router::matches_issuer_discovery`), else the spec location below the home URL.
	 *
	 * @param array<string,string> $endpoints
	 */
	private static function discovery_url( array $endpoints ): string {
		$below_issuer = Config::issuer() . '/.well-known/openid-configuration';
		$served       = in_array( $below_issuer, $endpoints, true )
			|| 0 === strpos( Config::issuer(), untrailingslashit( home_url() ) . '/' );
		return $served ? $below_issuer : Router::url( 'discovery' );
	}

	/**
	 * Changes the settings a body names (any subset). A field no group writes is refused, naming
	 * it, rather than silently ignored; every group validates the body before any saves it.
	 *
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function update_item( $request ) {
		$body = $request->get_json_params();
		if ( null === $body ) {
			$body = $request->get_body_params();
		}
		if ( ! is_array( $body ) || ( array() !== $body && array_keys( $body ) === range( 0, count( $body ) - 1 ) ) ) {
			return new WP_Error( 'keystone_oidc_invalid_settings', __( 'Send the settings as a JSON object.', 'keystone-oidc' ), array( 'status' => 400 ) );
		}
		if ( array() === $body ) {
			return new WP_Error( 'keystone_oidc_no_settings', __( 'Name at least one setting to change.', 'keystone-oidc' ), array( 'status' => 400 ) );
		}
		$groups   = Container::site()->setting_groups();
		$writable = array();
		foreach ( $groups as $group ) {
			$writable = array_merge( $writable, $group->fields() );
		}
		$unsupported = array_values( array_diff( array_map( 'strval', array_keys( $body ) ), $writable ) );
		if ( array() !== $unsupported ) {
			return new WP_Error(
				'keystone_oidc_unsupported_setting',
				/* translators: %s: comma-separated field names. */
				sprintf( __( 'These settings cannot be changed: %s.', 'keystone-oidc' ), implode( ', ', $unsupported ) ),
				array(
					'status' => 400,
					'fields' => $unsupported,
				)
			);
		}
		foreach ( $groups as $group ) {
			$refused = $group->validate( $body );
			if ( null !== $refused ) {
				return $refused;
			}
		}
		$refused = Container::site()->network_privileges()->refuse_settings( $body, self::current_values( $groups ) );
		if ( null !== $refused ) {
			return $refused;
		}
		foreach ( $groups as $group ) {
			$group->save( $body );
		}
		return $this->get_item( $request );
	}

	/**
	 * @param \Keystone_OIDC\Settings\Setting_Group[] $groups
	 * @return array<string,mixed>
	 */
	private static function current_values( array $groups ): array {
		$values = array();
		foreach ( $groups as $group ) {
			$values += $group->to_array();
		}
		return $values;
	}

	/**
	 * @return array<string,mixed>
	 */
	public function get_item_schema() {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$properties = array();
		foreach ( Container::site()->setting_groups() as $group ) {
			$properties += $group->schema();
		}
		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'keystone-oidc-settings',
			'type'       => 'object',
			'properties' => $properties + array(
				'issuer'            => array(
					'description' => __( 'The issuer, without a trailing slash: the home URL, or the 2.x issuer in the legacy mode.', 'keystone-oidc' ),
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
