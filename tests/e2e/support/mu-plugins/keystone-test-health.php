<?php
/**
 * Plugin Name: Keystone OIDC test support: Site Health
 * Description: Loaded only on the test suite's sites. Puts the site into the states the Site Health
 * tests report on (plain permalinks, a discovery URL the server does not serve, an overdue cleanup
 * event), over REST, as an administrator, and back.
 *
 * @package Keystone_OIDC
 */

declare(strict_types=1);

/**
 * A response as WordPress's HTTP API returns one, for the requests answered here instead of sent.
 *
 * @return array<string,mixed>
 */
function keystone_test_health_response( int $code, string $message, string $body = '' ): array {
	return array(
		'headers'  => array(),
		'body'     => $body,
		'response' => array(
			'code'    => $code,
			'message' => $message,
		),
		'cookies'  => array(),
		'filename' => null,
	);
}

// The suite runs offline: WordPress's own tests that ask WordPress.org (checksums for background
// updates, the communication check) can only fail there, and the checksum lookup logs that failure
// as a PHP warning, which the suite counts as a defect of the Site Health spec.
add_filter(
	'site_status_tests',
	static function ( $tests ) {
		unset( $tests['async']['background_updates'], $tests['async']['dotorg_communication'] );
		return $tests;
	}
);

// The Info tab asks WordPress.org for updates first; offline that request fails and WordPress logs
// the failure as a PHP warning. Answered as WordPress.org being unavailable, which it ignores.
add_filter(
	'pre_http_request',
	static function ( $response, $args, $url ) {
		if ( 'api.wordpress.org' !== wp_parse_url( $url, PHP_URL_HOST ) ) {
			return $response;
		}
		return keystone_test_health_response( 503, 'Service Unavailable' );
	},
	10,
	3
);

// The Info tab also adds up the size of every folder; the suite links the plugin in as the working
// tree, which holds the suite's sites, which link the plugin in again: the sum never ends. Sizes are
// not what the suite checks.
add_filter(
	'pre_recurse_dirsize',
	static function () {
		return 0;
	}
);

// An overdue cleanup event stays overdue only while nothing runs WP-Cron: a spec holds it.
if ( get_option( 'keystone_test_hold_cron' ) ) {
	remove_action( 'init', 'wp_cron' );
}

// A web server that does not hand the discovery path to WordPress, as the loopback probe meets it
// (the suite's PHP server always does): only the site's own requests for that path are answered so.
add_filter(
	'pre_http_request',
	static function ( $response, $args, $url ) {
		$status = (int) get_option( 'keystone_test_discovery_status', 0 );
		if ( 0 === $status || '/.well-known/openid-configuration' !== substr( (string) wp_parse_url( $url, PHP_URL_PATH ), -33 ) ) {
			return $response;
		}
		return keystone_test_health_response( $status, 'Not Found', '<h1>Not Found</h1>' );
	},
	10,
	3
);

add_action(
	'rest_api_init',
	static function () {
		$admin_only = static function () {
			return current_user_can( 'manage_options' );
		};
		register_rest_route(
			'keystone-test/v1',
			'/health/permalinks',
			array(
				'methods'             => 'POST',
				'permission_callback' => $admin_only,
				'callback'            => static function ( WP_REST_Request $request ) {
					global $wp_rewrite;
					$wp_rewrite->set_permalink_structure( (string) $request->get_param( 'structure' ) );
					flush_rewrite_rules( false );
					return array( 'structure' => get_option( 'permalink_structure' ) );
				},
			)
		);
		register_rest_route(
			'keystone-test/v1',
			'/health/discovery-status',
			array(
				'methods'             => 'POST',
				'permission_callback' => $admin_only,
				'callback'            => static function ( WP_REST_Request $request ) {
					update_option( 'keystone_test_discovery_status', (int) $request->get_param( 'status' ), false );
					// The admin notice's cached probe must not outlive the simulated outage.
					delete_transient( 'keystone_oidc_endpoint_probe' );
					return array( 'status' => (int) get_option( 'keystone_test_discovery_status' ) );
				},
			)
		);
		// `due` (unix time) makes the cleanup event due then and holds WP-Cron; without it the
		// event is scheduled as the plugin does and WP-Cron runs again.
		register_rest_route(
			'keystone-test/v1',
			'/health/cleanup-event',
			array(
				'methods'             => 'POST',
				'permission_callback' => $admin_only,
				'callback'            => static function ( WP_REST_Request $request ) {
					$due = $request->get_param( 'due' );
					wp_clear_scheduled_hook( 'keystone_oidc_cleanup' );
					if ( null === $due ) {
						delete_option( 'keystone_test_hold_cron' );
						wp_schedule_event( time() + HOUR_IN_SECONDS, 'hourly', 'keystone_oidc_cleanup' );
					} else {
						update_option( 'keystone_test_hold_cron', 1, false );
						wp_schedule_event( (int) $due, 'hourly', 'keystone_oidc_cleanup' );
					}
					return array( 'next' => wp_next_scheduled( 'keystone_oidc_cleanup' ) );
				},
			)
		);
	}
);
