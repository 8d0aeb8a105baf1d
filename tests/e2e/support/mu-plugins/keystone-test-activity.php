<?php
/**
 * Plugin Name: Keystone OIDC test support: activity log queries
 * Description: Loaded only on the test suite's sites. A request sent with
 * `X-Keystone-Test-Count-Queries: 1` records its SQL (SAVEQUERIES, for that request only) and
 * answers with `X-Keystone-Test-Activity-Queries`: a base64 JSON list of every statement that
 * touched the activity log's table, so a test can hold the rule "no query for a request that logs
 * nothing, one INSERT for one that logs something".
 *
 * @package Keystone_OIDC
 */

declare(strict_types=1);

if ( isset( $_SERVER['HTTP_X_KEYSTONE_TEST_COUNT_QUERIES'] ) && '1' === $_SERVER['HTTP_X_KEYSTONE_TEST_COUNT_QUERIES'] ) {
	if ( ! defined( 'SAVEQUERIES' ) ) {
		define( 'SAVEQUERIES', true );
	}
	// The response is held back so the header goes out after `shutdown`, where the log is written.
	ob_start();
	header_register_callback(
		static function () {
			global $wpdb;
			$statements = array();
			foreach ( is_array( $wpdb->queries ) ? $wpdb->queries : array() as $query ) {
				if ( false !== strpos( (string) $query[0], $wpdb->prefix . 'oidc_activity' ) ) {
					$statements[] = (string) $query[0];
				}
			}
			header( 'X-Keystone-Test-Queries: ' . (int) $wpdb->num_queries );
			header( 'X-Keystone-Test-Activity-Queries: ' . base64_encode( (string) wp_json_encode( $statements ) ) );
		}
	);
}
