<?php
/**
 * Plugin Name: Keystone OIDC test site scopes
 * Description: Loaded only on the test suite's sites, and active only on a site started with
 * KEYSTONE_TEST_SITE_SCOPES in its environment (tests/e2e/protocol/client-credentials.spec.ts
 * starts one of its own): adds those scopes, as a site adds scopes for its own APIs, and keeps the
 * scope `interactive:only` out of client_credentials tokens through `keystone_oidc_machine_scopes`.
 * Every other site keeps the built-in scopes alone.
 *
 * @package Keystone_OIDC
 */

declare(strict_types=1);

$keystone_test_site_scopes = getenv( 'KEYSTONE_TEST_SITE_SCOPES' );
if ( is_string( $keystone_test_site_scopes ) && '' !== $keystone_test_site_scopes ) {
	add_filter(
		'keystone_oidc_supported_scopes',
		static function ( $scopes ) use ( $keystone_test_site_scopes ) {
			return array_merge( (array) $scopes, explode( ' ', $keystone_test_site_scopes ) );
		}
	);
	add_filter(
		'keystone_oidc_machine_scopes',
		static function ( $scopes ) {
			return array_values( array_diff( (array) $scopes, array( 'interactive:only' ) ) );
		}
	);
}
unset( $keystone_test_site_scopes );
