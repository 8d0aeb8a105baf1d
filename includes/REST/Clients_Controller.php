<?php
declare(strict_types=1);

namespace Keystone_OIDC\REST;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Clients\Client_Input;
use Keystone_OIDC\Clients\Client_Manager;
use Keystone_OIDC\Clients\Keys_Unavailable;
use Keystone_OIDC\Container;
use Keystone_OIDC\Settings\Default_Roles_Settings;
use Keystone_OIDC\Storage\Client_Repository;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `/clients`, `/clients/{client_id}`, `/clients/{client_id}/secret` and `/clients/{client_id}/keys`. Input is validated by
 * `Client_Input`, not by the schema, so every failure carries its own `keystone_oidc_*` code.
 */
final class Clients_Controller extends Controller {
	public function __construct() {
		parent::__construct();
		$this->rest_base = 'clients';
	}

	public function register_routes(): void {
		$client_id = self::client_id_argument();
		$this->route(
			'',
			array(
				WP_REST_Server::READABLE  => 'get_items',
				WP_REST_Server::CREATABLE => 'create_item',
			),
			array(),
			true
		);
		$this->route(
			'/(?P<client_id>[^/]+)',
			array(
				WP_REST_Server::READABLE  => 'get_item',
				'PUT, PATCH'              => 'update_item',
				WP_REST_Server::DELETABLE => 'delete_item',
			),
			$client_id,
			true
		);
		$this->route( '/(?P<client_id>[^/]+)/secret', array( WP_REST_Server::CREATABLE => 'reset_secret' ), $client_id );
		$this->route( '/(?P<client_id>[^/]+)/keys', array( WP_REST_Server::READABLE => 'get_keys' ), $client_id );
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response
	 */
	public function get_items( $request ) {
		$clients = array_map(
			static function ( Client $client ): array {
				return $client->to_array();
			},
			Client_Repository::all()
		);
		return new WP_REST_Response( $clients );
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function get_item( $request ) {
		$client = Client_Repository::find( (string) $request['client_id'] );
		if ( null === $client ) {
			return Client_Manager::not_found();
		}
		return new WP_REST_Response( $client->to_array() );
	}

	/**
	 * 201 with the client and, for a confidential client, its secret: the only time it is shown.
	 *
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function create_item( $request ) {
		$input   = Default_Roles_Settings::apply_to_new_client( self::input( $request ) );
		$refused = Container::site()->network_privileges()->refuse_client( $input, ( new Client() )->to_array() );
		if ( null !== $refused ) {
			return $refused;
		}
		$result = Client_Manager::create( $input );
		if ( $result instanceof WP_Error ) {
			return $result;
		}
		$response = self::no_store( self::with_secret( $result['client'], $result['client_secret'] ), 201 );
		$response->header( 'Location', rest_url( sprintf( '%s/%s/%s', $this->namespace, $this->rest_base, rawurlencode( $result['client']->client_id ) ) ) );
		return $response;
	}

	/**
	 * PUT replaces the client's input, PATCH changes the fields it carries. When a public client
	 * becomes confidential, the answer carries its new secret once.
	 *
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function update_item( $request ) {
		$input   = self::input( $request );
		$current = Client_Repository::find( (string) $request['client_id'] );
		$refused = null === $current ? null : Container::site()->network_privileges()->refuse_client( $input, $current->to_array() );
		if ( null !== $refused ) {
			return $refused;
		}
		$result = Client_Manager::update( (string) $request['client_id'], $input, 'PATCH' === $request->get_method() );
		if ( $result instanceof WP_Error ) {
			return $result;
		}
		if ( null === $result['client_secret'] ) {
			return self::no_store( $result['client']->to_array() );
		}
		return self::no_store( self::with_secret( $result['client'], $result['client_secret'] ) );
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function delete_item( $request ) {
		$result = Client_Manager::delete( (string) $request['client_id'] );
		if ( $result instanceof WP_Error ) {
			return $result;
		}
		return new WP_REST_Response( array( 'deleted' => true ) );
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function reset_secret( $request ) {
		$result = Client_Manager::reset_secret( (string) $request['client_id'] );
		if ( $result instanceof WP_Error ) {
			return $result;
		}
		return self::no_store(
			array(
				'client_id'     => $result['client']->client_id,
				'client_secret' => $result['client_secret'],
			)
		);
	}

	/**
	 * The `private_key_jwt` keys this site knows for the client now: its pasted `jwks`, or what
	 * its `jwks_uri` answered (from the cache, fetched when there is none or `refresh` asks, as an
	 * unknown kid does, so never more than once a minute). Public halves only:
	 * `kid`, `alg`, `kty`, `use`, `crv`. A `jwks_uri` that cannot be fetched is a 502 naming why.
	 *
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function get_keys( $request ) {
		$client = Client_Repository::find( (string) $request['client_id'] );
		if ( null === $client ) {
			return Client_Manager::not_found();
		}
		$source = null !== $client->jwks ? 'jwks' : ( '' !== $client->jwks_uri ? 'jwks_uri' : 'none' );
		$keys   = Container::site()->client_keys();
		try {
			$jwks = 'none' === $source ? array() : $keys->keys( $client, (bool) $request->get_param( 'refresh' ) );
		} catch ( Keys_Unavailable $error ) {
			return new WP_Error( 'keystone_oidc_jwks_unavailable', $error->getMessage(), array( 'status' => 502 ) );
		}
		$fetched_at = 'jwks_uri' === $source ? $keys->fetched_at( $client ) : null;
		$described  = array();
		foreach ( $jwks as $jwk ) {
			if ( is_array( $jwk ) ) {
				$described[] = array_intersect_key( $jwk, array_flip( array( 'kid', 'alg', 'kty', 'use', 'crv' ) ) );
			}
		}
		return self::no_store(
			array(
				'source'     => $source,
				'fetched_at' => null === $fetched_at ? null : gmdate( 'Y-m-d\TH:i:s\Z', $fetched_at ),
				'keys'       => $described,
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
		$uri_list     = array(
			'type'  => 'array',
			'items' => array(
				'type'   => 'string',
				'format' => 'uri',
			),
		);
		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'keystone-oidc-client',
			'type'       => 'object',
			'properties' => array(
				'client_id'                    => array(
					'description' => __( 'The client identifier.', 'keystone-oidc' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'name'                         => array(
					'description' => __( 'Name shown to people on the consent screen.', 'keystone-oidc' ),
					'type'        => 'string',
					'minLength'   => 1,
					'maxLength'   => Client_Input::NAME_MAX,
					'required'    => true,
				),
				'type'                         => array(
					'description' => __( 'Confidential clients authenticate with a secret; public clients with PKCE alone.', 'keystone-oidc' ),
					'type'        => 'string',
					'enum'        => array( Client::TYPE_CONFIDENTIAL, Client::TYPE_PUBLIC ),
					'default'     => Client::TYPE_CONFIDENTIAL,
				),
				'redirect_uris'                => array_merge(
					$uri_list,
					array(
						'description' => __( 'Exact redirect URIs; http only for loopback hosts. At least one when the client uses the code flow.', 'keystone-oidc' ),
					)
				),
				'scopes'                       => array(
					'description' => __( 'Scopes the client may be granted; openid is always included.', 'keystone-oidc' ),
					'type'        => 'array',
					'items'       => array( 'type' => 'string' ),
				),
				'post_logout_redirect_uris'    => array_merge( $uri_list, array( 'description' => __( 'Exact URIs the client may return to after logout.', 'keystone-oidc' ) ) ),
				'backchannel_logout_uri'       => array(
					'description' => __( 'Where logout tokens are sent; empty for none.', 'keystone-oidc' ),
					'type'        => 'string',
				),
				'audiences'                    => array_merge( $uri_list, array( 'description' => __( 'Audiences its access tokens may carry.', 'keystone-oidc' ) ) ),
				'allowed_roles'                => array(
					'description' => __( 'Roles whose users may sign in; empty for every role.', 'keystone-oidc' ),
					'type'        => 'array',
					'items'       => array( 'type' => 'string' ),
				),
				'skip_consent'                 => array(
					'description' => __( 'Trusted first-party client: no consent screen.', 'keystone-oidc' ),
					'type'        => 'boolean',
					'default'     => false,
				),
				'skip_consent_offline_access'  => array(
					'description' => __( 'With skip_consent: offline_access is granted without asking the user too.', 'keystone-oidc' ),
					'type'        => 'boolean',
					'default'     => false,
				),
				'refresh_tokens'               => array(
					'description' => __( 'Whether the client receives refresh tokens.', 'keystone-oidc' ),
					'type'        => 'boolean',
					'default'     => true,
				),
				'id_token_signed_response_alg' => array(
					'description' => __( 'Algorithm of its ID tokens.', 'keystone-oidc' ),
					'type'        => 'string',
					'enum'        => Client_Input::SIGNING_ALGORITHMS,
					'default'     => 'RS256',
				),
				'grant_types'                  => array(
					'description' => __( 'Grants the token endpoint accepts from the client (RFC 7591).', 'keystone-oidc' ),
					'type'        => 'array',
					'items'       => array( 'type' => 'string' ),
				),
				'token_endpoint_auth_method'   => array(
					'description' => __( 'How the client authenticates at the token, revocation and introspection endpoints (RFC 7591).', 'keystone-oidc' ),
					'type'        => 'string',
					'enum'        => Client::AUTH_METHODS,
				),
				'jwks'                         => array(
					'description' => __( 'The client\'s public keys (a JWK Set) for private_key_jwt, or null.', 'keystone-oidc' ),
					'type'        => array( 'object', 'null' ),
				),
				'jwks_uri'                     => array(
					'description' => __( 'An https URI serving the client\'s JWK Set for private_key_jwt, or empty.', 'keystone-oidc' ),
					'type'        => 'string',
				),
				'rest_access'                  => array(
					'description' => __( 'The most its tokens may do with the WordPress REST API.', 'keystone-oidc' ),
					'type'        => 'string',
					'enum'        => array( Client::REST_NONE, Client::REST_READ, Client::REST_WRITE ),
					'default'     => Client::REST_NONE,
				),
				'source'                       => array(
					'description' => __( 'Who made the client: admin, code (declared in code) or dynamic (RFC 7591 registration).', 'keystone-oidc' ),
					'type'        => 'string',
					'enum'        => array( Client::SOURCE_ADMIN, Client::SOURCE_CODE, Client::SOURCE_DYNAMIC ),
					'readonly'    => true,
				),
				'created_at'                   => array(
					'description' => __( 'When the client was registered (ISO 8601, UTC).', 'keystone-oidc' ),
					'type'        => 'string',
					'format'      => 'date-time',
					'readonly'    => true,
				),
				'updated_at'                   => array(
					'description' => __( 'When the client last changed (ISO 8601, UTC).', 'keystone-oidc' ),
					'type'        => 'string',
					'format'      => 'date-time',
					'readonly'    => true,
				),
				'client_secret'                => array(
					'description' => __( 'The secret, only in the answer that created it.', 'keystone-oidc' ),
					'type'        => array( 'string', 'null' ),
					'readonly'    => true,
				),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}

	/**
	 * The `ClientInput` fields the body carried; query-string parameters are not input.
	 *
	 * @return array<string,mixed>
	 */
	private static function input( WP_REST_Request $request ): array {
		$json   = $request->get_json_params();
		$body   = array_merge( (array) $request->get_body_params(), is_array( $json ) ? $json : array() );
		$fields = array();
		foreach ( Client_Input::fields() as $field ) {
			if ( array_key_exists( $field, $body ) ) {
				$fields[ $field ] = $body[ $field ];
			}
		}
		return $fields;
	}

	/**
	 * @return array<string,mixed>
	 */
	private static function with_secret( Client $client, ?string $secret ): array {
		return array_merge( $client->to_array(), array( 'client_secret' => $secret ) );
	}
}
