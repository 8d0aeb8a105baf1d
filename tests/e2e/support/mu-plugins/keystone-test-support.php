<?php
/**
 * Plugin Name: Keystone OIDC test support
 * Description: Loaded only on the test suite's sites. Lets tests move the plugin's clock (for the
 * whole site over REST, or for one request with an X-Keystone-Test-Clock-Offset header), run the
 * cleanup job, and read what the plugin stored, over REST, as an administrator.
 *
 * @package Keystone_OIDC
 */

declare(strict_types=1);

// The suite runs offline: WordPress's update checks on wp-admin visits can only fail, and they log
// that failure as a PHP warning, which the suite counts as a defect of whichever test came first.
remove_action( 'admin_init', '_maybe_update_core' );
remove_action( 'admin_init', '_maybe_update_plugins' );
remove_action( 'admin_init', '_maybe_update_themes' );
remove_action( 'wp_version_check', 'wp_version_check' );
remove_action( 'wp_update_plugins', 'wp_update_plugins' );
remove_action( 'wp_update_themes', 'wp_update_themes' );
// The Plugins and Themes screens check too (the lifecycle spec's log guard saw that warning).
remove_action( 'load-plugins.php', 'wp_update_plugins' );
remove_action( 'load-update.php', 'wp_update_plugins' );
remove_action( 'load-update-core.php', 'wp_update_plugins' );
remove_action( 'load-themes.php', 'wp_update_themes' );
remove_action( 'load-update.php', 'wp_update_themes' );
remove_action( 'load-update-core.php', 'wp_update_themes' );

// Avatars come from Gravatar, which the offline site cannot reach: every admin page would log a
// failed image load in the browser console, which the suite counts as a defect of the screen.
add_filter( 'option_show_avatars', '__return_false' );

// The user-edit screen lists the translations wordpress.org offers; offline, that lookup only
// fails with a PHP warning. Answer it with none.
add_filter(
	'translations_api',
	static function ( $result, $type ) {
		return 'core' === $type ? array( 'translations' => array() ) : $result;
	},
	10,
	2
);

// The suite's back-channel logout receivers listen on 127.0.0.1 over http, as an intranet client
// would: allow that one host, and nothing else, so a test can show another loopback name refused.
add_filter(
	'keystone_oidc_allowed_internal_hosts',
	static function ( $hosts ) {
		return array_merge( (array) $hosts, array( '127.0.0.1' ) );
	}
);

add_filter(
	'keystone_oidc_now',
	static function ( $now ) {
		$offset = (int) get_option( 'keystone_test_clock_offset', 0 );
		// A per-request offset ages one request without moving time for tests running beside it.
		if ( isset( $_SERVER['HTTP_X_KEYSTONE_TEST_CLOCK_OFFSET'] ) ) {
			$offset += (int) $_SERVER['HTTP_X_KEYSTONE_TEST_CLOCK_OFFSET'];
		}
		return $now + $offset;
	}
);

// A real device polls every 5 seconds; the device flow spec's devices poll every second, or at the
// interval a request names in X-Keystone-Test-Device-Interval (slow_down needs a long one).
add_filter(
	'keystone_oidc_device_interval',
	static function () {
		return isset( $_SERVER['HTTP_X_KEYSTONE_TEST_DEVICE_INTERVAL'] ) ? (int) $_SERVER['HTTP_X_KEYSTONE_TEST_DEVICE_INTERVAL'] : 1;
	}
);

// Key generation made to fail for real: OpenSSL is handed a configuration file that does not exist,
// as on a host whose OPENSSL_CONF names a missing file.
add_filter(
	'keystone_oidc_openssl_config',
	static function ( $path ) {
		return get_option( 'keystone_test_break_key_generation' ) ? WP_CONTENT_DIR . '/no-such-dir/openssl.cnf' : $path;
	}
);

// A single sign-on plugin as some sites run one: it authenticates the user by the
// `determine_current_user` filter, with no WordPress login session behind it, so nobody can say
// when the user signed in. Only users a test marked (user meta `keystone_test_sso`) and only
// requests naming them in X-Keystone-Test-Sso-User are signed in this way.
add_filter(
	'determine_current_user',
	static function ( $user_id ) {
		if ( $user_id || ! isset( $_SERVER['HTTP_X_KEYSTONE_TEST_SSO_USER'] ) ) {
			return $user_id;
		}
		$sso_user = (int) $_SERVER['HTTP_X_KEYSTONE_TEST_SSO_USER'];
		return $sso_user > 0 && '1' === get_user_meta( $sso_user, 'keystone_test_sso', true ) ? $sso_user : $user_id;
	},
	30
);

add_action(
	'rest_api_init',
	static function () {
		$admin_only = static function () {
			return current_user_can( 'manage_options' );
		};
		register_rest_route(
			'keystone-test/v1',
			'/clock',
			array(
				'methods'             => 'POST',
				'permission_callback' => $admin_only,
				'callback'            => static function ( WP_REST_Request $request ) {
					update_option( 'keystone_test_clock_offset', (int) $request->get_param( 'offset' ), false );
					return array( 'offset' => (int) get_option( 'keystone_test_clock_offset' ) );
				},
			)
		);
		// Runs the hourly cleanup job now, through its hook, as WP-Cron would.
		register_rest_route(
			'keystone-test/v1',
			'/cleanup',
			array(
				'methods'             => 'POST',
				'permission_callback' => $admin_only,
				'callback'            => static function () {
					do_action( 'keystone_oidc_cleanup' );
					return array( 'ran' => true );
				},
			)
		);
		// Makes the site look like one whose plugin files were just replaced by a newer version
		// without an activation: where schema version 2 left it (no consents table), with rewrite
		// rules that lack the endpoints.
		register_rest_route(
			'keystone-test/v1',
			'/age-install',
			array(
				'methods'             => 'POST',
				'permission_callback' => $admin_only,
				'callback'            => static function () {
					global $wpdb;
					$wpdb->query( "DROP TABLE IF EXISTS {$wpdb->prefix}oidc_consents" );
					update_option( 'keystone_oidc_schema_version', '2', true );
					$rules = get_option( 'rewrite_rules' );
					$kept  = array();
					foreach ( is_array( $rules ) ? $rules : array() as $regex => $query ) {
						if ( false === strpos( (string) $query, 'keystone_oidc=' ) ) {
							$kept[ $regex ] = $query;
						}
					}
					update_option( 'rewrite_rules', $kept );
					return array( 'version' => get_option( 'keystone_oidc_schema_version' ) );
				},
			)
		);
		// Sets a user meta value the way another plugin would, for the claim mapping specs: core's
		// REST API writes only the meta keys registered for it.
		register_rest_route(
			'keystone-test/v1',
			'/user-meta',
			array(
				'methods'             => 'POST',
				'permission_callback' => $admin_only,
				'callback'            => static function ( WP_REST_Request $request ) {
					$user_id = (int) $request->get_param( 'user_id' );
					$key     = (string) $request->get_param( 'key' );
					delete_user_meta( $user_id, $key );
					foreach ( (array) $request->get_param( 'values' ) as $value ) {
						add_user_meta( $user_id, $key, $value );
					}
					return array( 'values' => get_user_meta( $user_id, $key, false ) );
				},
			)
		);
		// Resets a user's password the way the lost-password screen does (reset_password(), which
		// fires wp_set_password and after_password_reset), without the e-mail the offline site
		// cannot send.
		register_rest_route(
			'keystone-test/v1',
			'/reset-password',
			array(
				'methods'             => 'POST',
				'permission_callback' => $admin_only,
				'callback'            => static function ( WP_REST_Request $request ) {
					$user = get_userdata( (int) $request->get_param( 'user_id' ) );
					if ( ! $user ) {
						return new WP_Error( 'keystone_test_no_user', 'No such user.', array( 'status' => 404 ) );
					}
					reset_password( $user, (string) $request->get_param( 'password' ) );
					return array( 'reset' => true );
				},
			)
		);
		// How many pending consent requests the options table holds for one user, whatever their
		// names: read from the stored values, so the count does not depend on how they are named.
		register_rest_route(
			'keystone-test/v1',
			'/pending-consents',
			array(
				'methods'             => 'GET',
				'permission_callback' => $admin_only,
				'callback'            => static function ( WP_REST_Request $request ) {
					global $wpdb;
					$user_id = (int) $request->get_param( 'user_id' );
					$values  = $wpdb->get_col(
						$wpdb->prepare(
							"SELECT option_value FROM {$wpdb->options} WHERE option_name LIKE %s",
							$wpdb->esc_like( '_transient_keystone_oidc_consent_' ) . '%'
						)
					);
					$count = 0;
					foreach ( $values as $value ) {
						$pending = maybe_unserialize( $value );
						if ( is_array( $pending ) && (int) ( $pending['user_id'] ?? 0 ) === $user_id ) {
							++$count;
						}
					}
					return array( 'count' => $count );
				},
			)
		);
		// What the plugin has stored, as row counts and checksums: equal before and after a
		// request means the request wrote nothing.
		register_rest_route(
			'keystone-test/v1',
			'/fingerprint',
			array(
				'methods'             => 'GET',
				'permission_callback' => $admin_only,
				'callback'            => static function () {
					global $wpdb;
					$tables = array();
					foreach ( array( 'oidc_clients', 'oidc_auth_codes', 'oidc_tokens', 'oidc_consents' ) as $table ) {
						$name             = $wpdb->prefix . $table;
						$checksum         = $wpdb->get_row( "CHECKSUM TABLE {$name}", ARRAY_A );
						$tables[ $table ] = array(
							'rows'     => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$name}" ),
							'checksum' => (string) ( $checksum['Checksum'] ?? '' ),
						);
					}
					$options = array();
					$rows    = $wpdb->get_results(
						$wpdb->prepare(
							"SELECT option_name, option_value FROM {$wpdb->options} WHERE option_name LIKE %s ORDER BY option_name",
							'%' . $wpdb->esc_like( 'keystone_oidc' ) . '%'
						),
						ARRAY_A
					);
					foreach ( $rows as $row ) {
						$options[ $row['option_name'] ] = md5( $row['option_value'] );
					}
					return array(
						'tables'  => $tables,
						'options' => $options,
					);
				},
			)
		);
		register_rest_route(
			'keystone-test/v1',
			'/key-generation',
			array(
				'methods'             => 'POST',
				'permission_callback' => $admin_only,
				'callback'            => static function ( WP_REST_Request $request ) {
					// Breaking it also drops the keys, as on a site that never had any.
					if ( $request->get_param( 'broken' ) ) {
						update_option( 'keystone_test_break_key_generation', 1, false );
						delete_option( 'keystone_oidc_keys' );
					} else {
						delete_option( 'keystone_test_break_key_generation' );
					}
					return array( 'broken' => (bool) get_option( 'keystone_test_break_key_generation' ) );
				},
			)
		);
		register_rest_route(
			'keystone-test/v1',
			'/state',
			array(
				'methods'             => 'GET',
				'permission_callback' => $admin_only,
				'callback'            => static function () {
					global $wpdb;
					require_once ABSPATH . 'wp-admin/includes/plugin.php';
					$tables = array();
					foreach ( array( 'oidc_clients', 'oidc_auth_codes', 'oidc_tokens', 'oidc_consents', 'oidc_registrations', 'oidc_device_codes', 'oidc_assertion_jtis', 'oidc_activity' ) as $table ) {
						$name             = $wpdb->prefix . $table;
						$exists           = $name === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $name ) );
						$tables[ $table ] = $exists ? (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$name}" ) : null;
					}
					$options = $wpdb->get_results(
						$wpdb->prepare(
							"SELECT option_name, autoload FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s",
							'%keystone_oidc%',
							'%keystone-oidc%'
						),
						ARRAY_A
					);
					$keys = get_option( 'keystone_oidc_keys', array() );
					// Every table of the plugin or of Keystone OIDC 2.x, also those an upgrade moved aside.
					$all_tables = $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix . 'oidc_' ) . '%' ) );
					// Clients still holding a Keystone OIDC 2.x secret hash (replaced on first use).
					$clients        = $wpdb->prefix . 'oidc_clients';
					$legacy_column  = $tables['oidc_clients'] !== null && 'legacy_secret_hash' === $wpdb->get_var( "SHOW COLUMNS FROM {$clients} LIKE 'legacy\\_secret\\_hash'" );
					$legacy_secrets = $legacy_column ? (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$clients} WHERE legacy_secret_hash IS NOT NULL" ) : 0;
					return array(
						'all_tables'     => array_values( array_map( 'strval', $all_tables ) ),
						'legacy_secrets' => $legacy_secrets,
						'schema'  => get_option( 'keystone_oidc_schema_version' ),
						'tables'  => $tables,
						'options' => $options,
						'keys'    => is_array( $keys ) ? count( $keys ) : 0,
						'cron'    => (bool) wp_next_scheduled( 'keystone_oidc_cleanup' ),
						'active'  => is_plugin_active( 'keystone-oidc/keystone-oidc.php' ),
					);
				},
			)
		);
	}
);

// A minimal MCP-style JSON-RPC 2.0 endpoint (the shape of MCP's Streamable HTTP transport: one
// request per POST), for the MCP client proof of issue 12: signed-in users only, so a client
// without a token meets the REST API's 401 and its RFC 9728 challenge. `tools/call whoami`
// answers the current user's login, proving whose token reached WordPress.
add_action(
	'rest_api_init',
	static function () {
		register_rest_route(
			'keystone-test/v1',
			'/mcp',
			array(
				'methods'             => 'POST',
				'permission_callback' => static function () {
					return is_user_logged_in();
				},
				'callback'            => static function ( WP_REST_Request $request ) {
					$call   = $request->get_json_params();
					$id     = is_array( $call ) && isset( $call['id'] ) ? $call['id'] : null;
					$method = is_array( $call ) && isset( $call['method'] ) ? $call['method'] : '';
					$answer = static function ( $result ) use ( $id ) {
						return array(
							'jsonrpc' => '2.0',
							'id'      => $id,
							'result'  => $result,
						);
					};
					switch ( $method ) {
						case 'initialize':
							return $answer(
								array(
									'protocolVersion' => '2025-06-18',
									'capabilities'    => array( 'tools' => new stdClass() ),
									'serverInfo'      => array(
										'name'    => 'keystone-test-mcp',
										'version' => '1.0.0',
									),
								)
							);
						case 'tools/list':
							return $answer(
								array(
									'tools' => array(
										array(
											'name'        => 'whoami',
											'description' => 'The login of the user whose token called.',
											'inputSchema' => array( 'type' => 'object' ),
										),
									),
								)
							);
						case 'tools/call':
							return $answer(
								array(
									'content' => array(
										array(
											'type' => 'text',
											'text' => wp_get_current_user()->user_login,
										),
									),
								)
							);
						default:
							return array(
								'jsonrpc' => '2.0',
								'id'      => $id,
								'error'   => array(
									'code'    => -32601,
									'message' => 'Method not found',
								),
							);
					}
				},
			)
		);
	}
);
