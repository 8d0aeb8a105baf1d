<?php
declare(strict_types=1);

namespace Keystone_OIDC\Health;

use Keystone_OIDC\Container;
use WP_Error;
use WP_REST_Request;
use WP_REST_Server;

/**
 * The plugin's tests in Tools → Site Health. Direct tests run while the screen is built; async
 * tests run as core's own do: the screen calls a REST route in core's `wp-site-health/v1` namespace
 * (`/tests/keystone-oidc-…`), and WordPress's weekly check calls `run()` directly
 * (`async_direct_test`). Hooked in the admin and on REST requests only; nothing is built until
 * WordPress asks for the tests.
 *
 * Filter `keystone_oidc_site_health_tests` receives the list of `Health_Test` instances; another
 * part adds one by appending an instance.
 */
final class Site_Health {
	const FILTER         = 'keystone_oidc_site_health_tests';
	const REST_NAMESPACE = 'wp-site-health/v1';
	const SLUG_PREFIX    = 'keystone-oidc-';

	/** @var Health_Test[] */
	private $tests;

	/**
	 * @param mixed[] $tests Anything that is not a `Health_Test` (a filter's mistake) is left out.
	 */
	public function __construct( array $tests ) {
		$this->tests = array_values(
			array_filter(
				$tests,
				static function ( $test ): bool {
					return $test instanceof Health_Test;
				}
			)
		);
	}

	/**
	 * `site_status_tests`.
	 *
	 * @param mixed $tests
	 * @return array<string,mixed>
	 */
	public static function add_tests( $tests ): array {
		return Container::site()->site_health()->register_tests( is_array( $tests ) ? $tests : array() );
	}

	/**
	 * `debug_information`: the Info tab's section.
	 *
	 * @param mixed $info
	 * @return array<string,mixed>
	 */
	public static function add_information( $info ): array {
		return Container::site()->debug_information()->add( is_array( $info ) ? $info : array() );
	}

	/**
	 * `rest_api_init`: one route for every async test, matched by name when called, so registering
	 * it builds nothing.
	 */
	public static function add_routes(): void {
		register_rest_route(
			self::REST_NAMESPACE,
			'/tests/(?P<test>' . self::SLUG_PREFIX . '[a-z0-9-]+)',
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => static function ( WP_REST_Request $request ) {
					return Container::site()->site_health()->answer( (string) $request['test'] );
				},
				'permission_callback' => static function ( WP_REST_Request $request ): bool {
					$check = (string) $request['test'];
					/** This filter is documented in wp-includes/rest-api/endpoints/class-wp-rest-site-health-controller.php */
					return current_user_can( (string) apply_filters( "site_health_test_rest_capability_{$check}", 'view_site_health_checks', $check ) );
				},
			)
		);
	}

	/**
	 * Adds the tests to WordPress's list.
	 *
	 * @param array<string,mixed> $tests
	 * @return array<string,mixed>
	 */
	public function register_tests( array $tests ): array {
		foreach ( $this->tests as $test ) {
			if ( $test->is_async() ) {
				$tests['async'][ $test->id() ] = array(
					'label'             => $test->label(),
					'test'              => rest_url( self::REST_NAMESPACE . '/tests/' . self::slug( $test->id() ) ),
					'has_rest'          => true,
					'async_direct_test' => array( $test, 'run' ),
				);
				continue;
			}
			$tests['direct'][ $test->id() ] = array(
				'label' => $test->label(),
				'test'  => array( $test, 'run' ),
			);
		}
		return $tests;
	}

	/**
	 * The result of the async test named by its route's slug.
	 *
	 * @return array<string,mixed>|WP_Error
	 */
	public function answer( string $slug ) {
		foreach ( $this->tests as $test ) {
			if ( $test->is_async() && self::slug( $test->id() ) === $slug ) {
				return $test->run();
			}
		}
		return new WP_Error( 'keystone_oidc_unknown_health_test', __( 'There is no such Site Health test.', 'keystone-oidc' ), array( 'status' => 404 ) );
	}

	/**
	 * `keystone_oidc_endpoints` → `keystone-oidc-endpoints`, as core names its test routes.
	 */
	public static function slug( string $id ): string {
		return str_replace( '_', '-', $id );
	}
}
