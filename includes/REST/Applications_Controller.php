<?php
declare(strict_types=1);

namespace Keystone_OIDC\REST;

use Keystone_OIDC\Consent\Consent_Manager;
use Keystone_OIDC\Rules\Scope_Descriptions;
use Keystone_OIDC\Storage\Client_Repository;
use Keystone_OIDC\Storage\Consent_Repository;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `/me/applications` and `/me/applications/{client_id}`: the applications the current user allowed,
 * and ending one of those consents. Every signed-in user may call them; they only ever read or
 * change the current user's own consents, so there is no user parameter to tamper with.
 */
final class Applications_Controller extends Controller {
	public function __construct() {
		parent::__construct();
		$this->rest_base = 'me/applications';
	}

	public function register_routes(): void {
		$this->route( '', array( WP_REST_Server::READABLE => 'get_items' ), array(), true );
		$this->route( '/(?P<client_id>[^/]+)', array( WP_REST_Server::DELETABLE => 'delete_item' ), self::client_id_argument() );
	}

	/**
	 * Any signed-in user, for their own data: 401 without one.
	 *
	 * @return true|WP_Error
	 */
	public function check_permission() {
		if ( is_user_logged_in() ) {
			return true;
		}
		return new WP_Error(
			'keystone_oidc_not_logged_in',
			__( 'You must be signed in to see your connected applications.', 'keystone-oidc' ),
			array( 'status' => 401 )
		);
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response
	 */
	public function get_items( $request ) {
		$applications = array();
		foreach ( Consent_Repository::for_user( get_current_user_id() ) as $consent ) {
			$client = Client_Repository::find( $consent['client_id'] );
			if ( null === $client ) {
				continue;
			}
			$applications[] = array(
				'client_id'          => $client->client_id,
				'name'               => $client->name,
				'scopes'             => $consent['scopes'],
				'scope_descriptions' => Scope_Descriptions::describe( $consent['scopes'] ),
				'created_at'         => self::iso_time( $consent['created_at'] ),
				'updated_at'         => self::iso_time( $consent['updated_at'] ),
			);
		}
		return self::no_store( $applications );
	}

	/**
	 * Ends the consent and revokes every code and token the current user holds for the client.
	 *
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function delete_item( $request ) {
		if ( ! Consent_Manager::revoke( get_current_user_id(), (string) $request['client_id'] ) ) {
			return new WP_Error(
				'keystone_oidc_not_found',
				__( 'You have not allowed this application.', 'keystone-oidc' ),
				array( 'status' => 404 )
			);
		}
		return self::no_store( array( 'revoked' => true ) );
	}

	/**
	 * @return array<string,mixed>
	 */
	public function get_item_schema() {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$time         = array(
			'type'     => 'string',
			'format'   => 'date-time',
			'readonly' => true,
		);
		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'keystone-oidc-application',
			'type'       => 'object',
			'properties' => array(
				'client_id'          => array(
					'description' => __( 'The client identifier.', 'keystone-oidc' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'name'               => array(
					'description' => __( 'The application name.', 'keystone-oidc' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'scopes'             => array(
					'description' => __( 'Every scope the user allowed.', 'keystone-oidc' ),
					'type'        => 'array',
					'items'       => array( 'type' => 'string' ),
					'readonly'    => true,
				),
				'scope_descriptions' => array(
					'description' => __( 'What each allowed scope lets the application see, in words.', 'keystone-oidc' ),
					'type'        => 'array',
					'readonly'    => true,
					'items'       => array(
						'type'       => 'object',
						'properties' => array(
							'scope'       => array( 'type' => 'string' ),
							'description' => array( 'type' => 'string' ),
						),
					),
				),
				'created_at'         => array_merge( $time, array( 'description' => __( 'When the user first allowed the application (ISO 8601, UTC).', 'keystone-oidc' ) ) ),
				'updated_at'         => array_merge( $time, array( 'description' => __( 'When the user last allowed more scopes (ISO 8601, UTC).', 'keystone-oidc' ) ) ),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}

	private static function iso_time( int $time ): string {
		return gmdate( 'Y-m-d\TH:i:s\Z', $time );
	}
}
