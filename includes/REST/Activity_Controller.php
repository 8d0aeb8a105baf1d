<?php
declare(strict_types=1);

namespace Keystone_OIDC\REST;

use Keystone_OIDC\Activity\Activity_Filter;
use Keystone_OIDC\Activity\Activity_Log;
use Keystone_OIDC\Container;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `GET /activity`: the activity log, newest first, one page at a time, with the totals in
 * `X-WP-Total` and `X-WP-TotalPages` as WordPress's own collections give them.
 */
final class Activity_Controller extends Controller {
	const MAX_PER_PAGE     = 100;
	const DEFAULT_PER_PAGE = 20;

	public function __construct() {
		parent::__construct();
		$this->rest_base = 'activity';
	}

	public function register_routes(): void {
		$this->route( '', array( WP_REST_Server::READABLE => 'get_items' ), $this->get_collection_params(), true );
	}

	/**
	 * @return array<string,array<string,mixed>>
	 */
	public function get_collection_params() {
		return array(
			'page'      => array(
				'description' => __( 'The page of the log, from 1.', 'keystone-oidc' ),
				'type'        => 'integer',
				'default'     => 1,
				'minimum'     => 1,
			),
			'per_page'  => array(
				'description' => __( 'Entries per page.', 'keystone-oidc' ),
				'type'        => 'integer',
				'default'     => self::DEFAULT_PER_PAGE,
				'minimum'     => 1,
				'maximum'     => self::MAX_PER_PAGE,
			),
			'client_id' => array(
				'description' => __( 'Only the entries of this client.', 'keystone-oidc' ),
				'type'        => 'string',
				'minLength'   => 1,
			),
			'user_id'   => array(
				'description' => __( 'Only the entries of this user.', 'keystone-oidc' ),
				'type'        => 'integer',
				'minimum'     => 1,
			),
			'event'     => array(
				'description' => __( 'Only these events (one or several).', 'keystone-oidc' ),
				'type'        => 'array',
				'items'       => array(
					'type' => 'string',
					'enum' => Activity_Log::EVENTS,
				),
			),
			'after'     => array(
				'description' => __( 'Only entries at or after this time (ISO 8601).', 'keystone-oidc' ),
				'type'        => 'string',
				'format'      => 'date-time',
			),
			'before'    => array(
				'description' => __( 'Only entries at or before this time (ISO 8601).', 'keystone-oidc' ),
				'type'        => 'string',
				'format'      => 'date-time',
			),
		);
	}

	/**
	 * @param WP_REST_Request $request
	 * @return WP_REST_Response|WP_Error
	 */
	public function get_items( $request ) {
		$filter = self::filter( $request );
		if ( $filter instanceof WP_Error ) {
			return $filter;
		}
		$entries  = Container::site()->activity_repository();
		$page     = (int) $request['page'];
		$per_page = (int) $request['per_page'];
		$total    = $entries->count( $filter );
		$items    = 0 === $total ? array() : $entries->page( $filter, $page, $per_page );
		$names    = self::user_names( $items );
		$data     = array();
		foreach ( $items as $item ) {
			$data[] = array(
				'id'          => $item['id'],
				'date'        => gmdate( 'Y-m-d\TH:i:s\Z', $item['created_at'] ),
				'event'       => $item['event'],
				'client_id'   => $item['client_id'],
				'client_name' => $item['client_name'],
				'user_id'     => $item['user_id'],
				'user_name'   => $names[ $item['user_id'] ] ?? null,
				'details'     => (object) $item['details'],
			);
		}
		$response = self::no_store( $data );
		$response->header( 'X-WP-Total', (string) $total );
		$response->header( 'X-WP-TotalPages', (string) (int) ceil( $total / $per_page ) );
		return $response;
	}

	/**
	 * @return Activity_Filter|WP_Error
	 */
	private static function filter( WP_REST_Request $request ) {
		$filter = new Activity_Filter();
		if ( null !== $request['client_id'] ) {
			$filter->client_id = (string) $request['client_id'];
		}
		if ( null !== $request['user_id'] ) {
			$filter->user_id = (int) $request['user_id'];
		}
		if ( is_array( $request['event'] ) ) {
			$filter->events = array_values( array_unique( array_map( 'strval', $request['event'] ) ) );
		}
		foreach ( array( 'after', 'before' ) as $bound ) {
			if ( null !== $request[ $bound ] ) {
				$filter->$bound = (int) rest_parse_date( (string) $request[ $bound ] );
			}
		}
		if ( null !== $filter->after && null !== $filter->before && $filter->after > $filter->before ) {
			return new WP_Error( 'keystone_oidc_invalid_date_range', __( 'after must not be later than before.', 'keystone-oidc' ), array( 'status' => 400 ) );
		}
		return $filter;
	}

	/**
	 * The display names of the entries' users, read with one query.
	 *
	 * @param array<int,array{user_id:int}> $items
	 * @return array<int,string>
	 */
	private static function user_names( array $items ): array {
		$ids = array_values( array_filter( array_unique( array_column( $items, 'user_id' ) ) ) );
		if ( array() === $ids ) {
			return array();
		}
		$names = array();
		foreach ( get_users( array( 'include' => $ids, 'fields' => array( 'ID', 'display_name' ) ) ) as $user ) {
			$names[ (int) $user->ID ] = (string) $user->display_name;
		}
		return $names;
	}

	/**
	 * @return array<string,mixed>
	 */
	public function get_item_schema() {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'keystone-oidc-activity',
			'type'       => 'object',
			'properties' => array(
				'id'          => array( 'type' => 'integer' ),
				'date'        => array(
					'type'   => 'string',
					'format' => 'date-time',
				),
				'event'       => array(
					'type' => 'string',
					'enum' => Activity_Log::EVENTS,
				),
				'client_id'   => array( 'type' => 'string' ),
				'client_name' => array( 'type' => array( 'string', 'null' ) ),
				'user_id'     => array( 'type' => 'integer' ),
				'user_name'   => array( 'type' => array( 'string', 'null' ) ),
				'details'     => array( 'type' => 'object' ),
			),
		);
	}
}
