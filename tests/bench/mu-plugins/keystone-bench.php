<?php
/**
 * Plugin Name: Keystone OIDC benchmark support
 * Description: Loaded only on the benchmark's site (bin/bench-site.sh). Adds the floor route, lets a
 * request run with the plugin left out, and reports what each request cost in response headers.
 *
 * @package Keystone_OIDC
 */

declare(strict_types=1);

// The benchmark's site is on loopback with a fresh database; nothing here runs anywhere else.
if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/*
 * `X-Bench-Plugin: off` answers this one request as if the plugin were inactive, so the runner can
 * interleave plugin-on and plugin-off batches on one site without activating and deactivating.
 */
if ( isset( $_SERVER['HTTP_X_BENCH_PLUGIN'] ) && 'off' === $_SERVER['HTTP_X_BENCH_PLUGIN'] ) {
	add_filter(
		'option_active_plugins',
		static function ( $plugins ) {
			return array_values( array_diff( (array) $plugins, array( 'keystone-oidc/keystone-oidc.php' ) ) );
		}
	);
}

/*
 * `X-Bench-Log-Queries: 1` records this request's SQL with timings and callers (SAVEQUERIES is read
 * at every query, so defining it here covers everything after the must-use plugins load).
 */
$keystone_bench_log = isset( $_SERVER['HTTP_X_BENCH_LOG_QUERIES'] ) && '1' === $_SERVER['HTTP_X_BENCH_LOG_QUERIES'];
if ( $keystone_bench_log && ! defined( 'SAVEQUERIES' ) ) {
	define( 'SAVEQUERIES', true );
}

/*
 * `X-Bench-Stages: 1` records when this request reached each stage of WordPress's boot, in ms
 * since PHP started it, to show where an endpoint's time goes.
 */
$keystone_bench_stages = array();
if ( isset( $_SERVER['HTTP_X_BENCH_STAGES'] ) && '1' === $_SERVER['HTTP_X_BENCH_STAGES'] ) {
	$keystone_bench_stages['mu_plugins'] = microtime( true );
	foreach ( array( 'plugins_loaded', 'after_setup_theme', 'init', 'wp_loaded', 'parse_request', 'rest_api_init' ) as $keystone_bench_hook ) {
		add_action(
			$keystone_bench_hook,
			static function () use ( $keystone_bench_hook, &$keystone_bench_stages ) {
				if ( ! isset( $keystone_bench_stages[ $keystone_bench_hook ] ) ) {
					$keystone_bench_stages[ $keystone_bench_hook ] = microtime( true );
				}
			},
			PHP_INT_MIN
		);
	}
}

/*
 * `X-Bench-Sample: 1` samples this request's PHP stack every 0.2 ms of wall time (with the excimer
 * extension, when installed) and appends the collapsed stacks to wp-content/bench-samples.txt.
 */
if ( isset( $_SERVER['HTTP_X_BENCH_SAMPLE'] ) && '1' === $_SERVER['HTTP_X_BENCH_SAMPLE'] && class_exists( 'ExcimerProfiler' ) ) {
	$keystone_bench_profiler = new ExcimerProfiler();
	$keystone_bench_profiler->setEventType( EXCIMER_REAL );
	$keystone_bench_profiler->setPeriod( 0.0002 );
	$keystone_bench_profiler->start();
	register_shutdown_function(
		static function () use ( $keystone_bench_profiler ) {
			$keystone_bench_profiler->stop();
			file_put_contents( WP_CONTENT_DIR . '/bench-samples.txt', $keystone_bench_profiler->getLog()->formatCollapsed(), FILE_APPEND | LOCK_EX );
		}
	);
}

/*
 * Every response is held in a buffer so the headers go out at the very end of the request, when the
 * query count and peak memory are final, whichever code path sent the response.
 */
ob_start();
header_register_callback(
	static function () use ( $keystone_bench_log, &$keystone_bench_stages ) {
		global $wpdb;
		if ( $keystone_bench_stages ) {
			$keystone_bench_stages['response'] = microtime( true );
			$stages                            = array();
			foreach ( $keystone_bench_stages as $stage => $at ) {
				$stages[] = $stage . '=' . round( ( $at - $_SERVER['REQUEST_TIME_FLOAT'] ) * 1000, 3 );
			}
			header( 'X-Bench-Stages: ' . implode( ',', $stages ) );
		}
		header( 'X-Bench-Queries: ' . (int) $wpdb->num_queries );
		header( 'X-Bench-Memory: ' . memory_get_peak_usage() );
		header( 'X-Bench-Php-Ms: ' . round( ( microtime( true ) - $_SERVER['REQUEST_TIME_FLOAT'] ) * 1000, 3 ) );
		if ( $keystone_bench_log && is_array( $wpdb->queries ) ) {
			$log = array();
			foreach ( $wpdb->queries as $query ) {
				$log[] = array(
					'sql'    => $query[0],
					'ms'     => round( $query[1] * 1000, 3 ),
					'caller' => $query[2],
				);
			}
			header( 'X-Bench-Query-Log: ' . base64_encode( (string) wp_json_encode( $log ) ) );
			// What "nothing loaded when idle" is checked against: the plugin's classes in memory.
			$classes = array_values(
				array_filter(
					get_declared_classes(),
					static function ( $name ) {
						return 0 === strpos( $name, 'Keystone_OIDC\\' );
					}
				)
			);
			header( 'X-Bench-Plugin-Classes: ' . implode( ',', $classes ) );
		}
	}
);

add_action(
	'rest_api_init',
	static function () {
		register_rest_route(
			'keystone-bench/v1',
			'/floor',
			array(
				'methods'             => 'GET',
				'permission_callback' => '__return_true',
				'callback'            => static function () {
					return new stdClass();
				},
			)
		);
		/*
		 * The anchor site runs Keystone OIDC 2.3.1, which has no REST API for clients: this creates
		 * one through its own PHP API for the benchmark (loopback bench site only).
		 */
		if ( class_exists( 'KEYSTONE_OIDC_Client_Manager' ) ) {
			register_rest_route(
				'keystone-bench/v1',
				'/anchor-client',
				array(
					'methods'             => 'POST',
					'permission_callback' => '__return_true',
					'callback'            => static function () {
						return KEYSTONE_OIDC_Client_Manager::create_client( 'Benchmark', array( 'http://127.0.0.1/bench/callback' ), 'openid profile email' );
					},
				)
			);
		}
	}
);
