<?php
declare(strict_types=1);

namespace Keystone_OIDC\REST;

use Keystone_OIDC\Tokens\Claim_Map;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `/claims`: the administrator's claim mappings (user meta or roles → an extra claim, released
 * under one scope). PUT replaces the whole list, so the screen saves what it shows.
 */
final class Claims_Controller extends Controller {
	public function __construct() {
		parent::__construct();
		$this->rest_base = 'claims';
	}

	public function register_routes(): void {
		$this->route(
			'',
			array(
				WP_REST_Server::READABLE => 'get_item',
				'PUT'                    => 'update_item',
			),
			array(),
			true
		);
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response
	 */
	public function get_item( $request ) {
		return self::answer( Claim_Map::all() );
	}

	/**
	 * The `mappings` field is validated by `Claim_Map` alone, not by the route's schema, so every
	 * problem comes back as one `keystone_oidc_invalid_claim_map` naming each entry.
	 *
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function update_item( $request ) {
		$json  = $request->get_json_params();
		$saved = Claim_Map::save( is_array( $json ) && array_key_exists( 'mappings', $json ) ? $json['mappings'] : null );
		if ( $saved instanceof WP_Error ) {
			return $saved;
		}
		return self::answer( $saved );
	}

	/**
	 * @param array<int,array<string,string>> $mappings
	 */
	private static function answer( array $mappings ): WP_REST_Response {
		return self::no_store(
			array(
				'mappings' => $mappings,
				'scopes'   => Claim_Map::scopes(),
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
			'title'      => 'keystone-oidc-claims',
			'type'       => 'object',
			'properties' => array(
				'mappings' => array(
					'description' => __( 'Extra claims mapped from user meta or roles, each released under one scope.', 'keystone-oidc' ),
					'type'        => 'array',
					'items'       => array(
						'type'       => 'object',
						'properties' => array(
							'claim'    => array( 'type' => 'string' ),
							'source'   => array(
								'type' => 'string',
								'enum' => array( Claim_Map::SOURCE_META, Claim_Map::SOURCE_ROLES ),
							),
							'meta_key' => array( 'type' => 'string' ),
							'scope'    => array( 'type' => 'string' ),
						),
					),
				),
				'scopes'   => array(
					'description' => __( 'Scopes a mapped claim may be released under.', 'keystone-oidc' ),
					'type'        => 'array',
					'items'       => array( 'type' => 'string' ),
					'readonly'    => true,
				),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}
}
