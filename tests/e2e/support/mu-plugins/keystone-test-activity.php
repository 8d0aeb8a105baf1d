<?php
/**
 * Plugin Name: Keystone OIDC test support: activity log queries
 * Description: Loaded only on the test suite's sites. A request sent with
 * `X-Keystone-Test-Count-Queries: <id>` records its SQL (SAVEQUERIES, for that request only) and,
 * once everything else ran at `shutdown` (where the activity log is written), keeps the
 * statements that touched the activity log's table under that id. `GET keystone-test/v1/queries`
 * hands them over, one list per request, so a test can hold the rule "no query for a request that
 * logs nothing, one INSERT for one that logs something".
 *
 * @package Keystone_OIDC
 */

declare(strict_types=1);

const KEYSTONE_TEST_QUERIES_OPTION = 'keystone_test_activity_queries_';

/*
 * The same for the options a request reads one by one (`X-Keystone-Test-Option-Reads: <id>`): an
 * option the plugin stores autoloaded is read with all the others at boot and never shows here, so
 * a test can hold the rule "a protocol request asks the database for no setting of its own".
 */
$keystone_test_counted = array(
	'HTTP_X_KEYSTONE_TEST_COUNT_QUERIES' => static function ( string $sql ): bool {
		global $wpdb;
		return false !== strpos( $sql, $wpdb->prefix . 'oidc_activity' );
	},
	'HTTP_X_KEYSTONE_TEST_OPTION_READS'  => static function ( string $sql ): bool {
		return 1 === preg_match( "/^SELECT option_value FROM \\S+ WHERE option_name = 'keystone_oidc_/", $sql );
	},
);
foreach ( $keystone_test_counted as $keystone_test_header => $keystone_test_matches ) {
	if ( ! isset( $_SERVER[ $keystone_test_header ] ) || 1 !== preg_match( '/^[a-z0-9-]{1,40}$/', (string) $_SERVER[ $keystone_test_header ] ) ) {
		continue;
	}
	if ( ! defined( 'SAVEQUERIES' ) ) {
		define( 'SAVEQUERIES', true );
	}
	$keystone_test_queries_id = (string) $_SERVER[ $keystone_test_header ];
	add_action(
		'shutdown',
		static function () use ( $keystone_test_queries_id, $keystone_test_matches ) {
			global $wpdb;
			$statements = array();
			foreach ( is_array( $wpdb->queries ) ? $wpdb->queries : array() as $query ) {
				if ( $keystone_test_matches( (string) $query[0] ) ) {
					$statements[] = (string) $query[0];
				}
			}
			// Counted above; what is written here to keep the count does not count.
			$requests   = get_option( KEYSTONE_TEST_QUERIES_OPTION . $keystone_test_queries_id, array() );
			$requests[] = $statements;
			update_option( KEYSTONE_TEST_QUERIES_OPTION . $keystone_test_queries_id, $requests, false );
		},
		PHP_INT_MAX
	);
}

add_action(
	'rest_api_init',
	static function () {
		register_rest_route(
			'keystone-test/v1',
			'/queries',
			array(
				'methods'             => 'GET',
				'permission_callback' => static function () {
					return current_user_can( 'manage_options' );
				},
				'args'                => array(
					'id' => array(
						'type'     => 'string',
						'pattern'  => '^[a-z0-9-]{1,40}$',
						'required' => true,
					),
				),
				'callback'            => static function ( WP_REST_Request $request ) {
					$name     = KEYSTONE_TEST_QUERIES_OPTION . $request['id'];
					$requests = get_option( $name, array() );
					delete_option( $name );
					return $requests;
				},
			)
		);
	}
);
