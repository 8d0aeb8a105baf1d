<?php
/**
 * Plugin Name: Keystone OIDC test mail catcher
 * Description: Loaded only on the test suite's sites. While a test turned it on (option
 * `keystone_test_catch_mail`), every e-mail WordPress sends is kept (the last 20) instead of sent,
 * so a test can follow a link WordPress mailed (password reset, e-mail change confirmation), as
 * the address's owner would. Off, it changes nothing.
 *
 * @package Keystone_OIDC
 */

declare(strict_types=1);

add_filter(
	'pre_wp_mail',
	static function ( $short_circuit, $atts ) {
		if ( null !== $short_circuit || ! get_option( 'keystone_test_catch_mail' ) ) {
			return $short_circuit;
		}
		$caught   = (array) get_option( 'keystone_test_caught_mail', array() );
		$caught[] = array(
			'to'      => is_array( $atts['to'] ) ? implode( ', ', $atts['to'] ) : (string) $atts['to'],
			'subject' => (string) $atts['subject'],
			'message' => (string) $atts['message'],
		);
		update_option( 'keystone_test_caught_mail', array_slice( $caught, -20 ), false );
		return true;
	},
	10,
	2
);

add_action(
	'rest_api_init',
	static function () {
		$admin_only = static function () {
			return current_user_can( 'manage_options' );
		};
		// POST {on: bool} turns catching on or off (and empties what was caught); GET lists it.
		register_rest_route(
			'keystone-test/v1',
			'/mail',
			array(
				array(
					'methods'             => 'POST',
					'permission_callback' => $admin_only,
					'callback'            => static function ( WP_REST_Request $request ) {
						update_option( 'keystone_test_catch_mail', $request->get_param( 'on' ) ? 1 : 0, false );
						delete_option( 'keystone_test_caught_mail' );
						return array( 'on' => (bool) get_option( 'keystone_test_catch_mail' ) );
					},
				),
				array(
					'methods'             => 'GET',
					'permission_callback' => $admin_only,
					'callback'            => static function () {
						return array_values( (array) get_option( 'keystone_test_caught_mail', array() ) );
					},
				),
			)
		);
	}
);
