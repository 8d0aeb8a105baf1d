<?php
declare(strict_types=1);

namespace Keystone_OIDC;

use Keystone_OIDC\Admin\Key_Notice;
use Keystone_OIDC\Admin\Menu;
use Keystone_OIDC\Admin\Permalink_Notice;
use Keystone_OIDC\Admin\Profile_Section;
use Keystone_OIDC\Admin\Site_Health_Keys;
use Keystone_OIDC\Consent\Consent_Manager;
use Keystone_OIDC\Endpoints\Router;
use Keystone_OIDC\Keys\Key_Provisioning;
use Keystone_OIDC\REST\Routes;
use Keystone_OIDC\Sessions\Credential_Watch;
use Keystone_OIDC\Sessions\Login_Hint;
use Keystone_OIDC\Sessions\Session_Watch;
use Keystone_OIDC\Tokens\Claims;

/**
 * Wires the plugin into WordPress. Only hooks are added here: on a page view nothing is loaded,
 * queried or registered beyond the rewrite rules and, in the admin, the menu.
 */
final class Plugin {
	const CLEANUP_HOOK = 'keystone_oidc_cleanup';

	public static function add_hooks(): void {
		add_action( 'init', array( Router::class, 'add_rewrite_rules' ) );
		add_action( 'init', array( Activator::class, 'maybe_upgrade' ), 20 );
		add_filter( 'query_vars', array( Router::class, 'add_query_vars' ) );
		add_action( 'parse_request', array( Router::class, 'dispatch' ), 0 );
		add_filter( 'wp_is_application_passwords_available', array( Router::class, 'application_passwords_available' ) );
		add_action( 'rest_api_init', array( Routes::class, 'register' ) );
		Resource\Rest_Hooks::add_hooks();
		add_action( self::CLEANUP_HOOK, array( self::class, 'run_cleanup' ) );
		add_action( self::CLEANUP_HOOK, array( self::class, 'run_key_rotation' ) );
		add_action( 'init', array( self::class, 'schedule_events' ) );
		add_action( 'profile_update', array( Claims::class, 'record_profile_update' ) );
		add_action( 'deleted_user', array( Consent_Manager::class, 'forget_user' ) );
		add_action( 'update_user_meta', array( Session_Watch::class, 'before_meta_update' ), 10, 4 );
		add_action( 'delete_user_meta', array( Session_Watch::class, 'before_meta_delete' ), 10, 3 );
		add_action( 'wp_logout', array( Session_Watch::class, 'after_logout' ) );
		add_action( 'wp_set_password', array( Credential_Watch::class, 'password_set' ), 10, 2 );
		add_action( 'after_password_reset', array( Credential_Watch::class, 'password_reset' ) );
		add_action( 'profile_update', array( Credential_Watch::class, 'profile_updated' ), 10, 3 );
		add_action( 'validate_password_reset', array( Users\Email_Confirmation::class, 'reset_link_used' ), 10, 2 );
		add_action( 'after_password_reset', array( Users\Email_Confirmation::class, 'password_reset' ) );
		add_action( 'profile_update', array( Users\Email_Confirmation::class, 'email_change_confirmed' ) );
		add_action( 'wp_ajax_destroy-sessions', array( Credential_Watch::class, 'before_destroy_sessions' ), 0 );
		add_action( 'login_form_login', array( Login_Hint::class, 'prefill' ) );
		add_action( 'update_option_permalink_structure', array( Permalink_Notice::class, 'forget' ) );
		add_action( 'update_option_rewrite_rules', array( Permalink_Notice::class, 'forget' ) );
		add_action( 'cli_init', array( Cli\Commands::class, 'register' ) );
		add_action( 'rest_api_init', array( Health\Site_Health::class, 'add_routes' ) );
		add_action( 'wp_uninitialize_site', array( Multisite\Network_Lifecycle::class, 'forget_site' ), 5 );
		add_action( 'switch_blog', array( Multisite\Network_Lifecycle::class, 'site_switched' ) );
		( new Activity\Activity_Listener( array( Container::class, 'site' ) ) )->add_hooks();

		if ( is_admin() ) {
			add_action( 'admin_menu', array( Menu::class, 'register' ) );
			add_action( 'admin_menu', array( Admin\Test_Sign_In_Page::class, 'register' ) );
			add_action( 'admin_notices', array( Permalink_Notice::class, 'render' ) );
			add_action( 'admin_init', array( Key_Provisioning::class, 'retry_after_failure' ) );
			add_action( 'admin_notices', array( Key_Notice::class, 'render' ) );
			add_filter( 'site_status_tests', array( Site_Health_Keys::class, 'register' ) );
			add_filter( 'site_status_tests', array( Health\Site_Health::class, 'add_tests' ) );
			add_filter( 'debug_information', array( Health\Site_Health::class, 'add_information' ) );
			add_action( 'admin_notices', array( Admin\Code_Clients_Report::class, 'render_notice' ) );
			add_action( 'admin_enqueue_scripts', array( Profile_Section::class, 'enqueue' ) );
			add_action( 'show_user_profile', array( Profile_Section::class, 'render' ) );
			add_action( 'network_admin_menu', array( Multisite\Network_Settings_Page::class, 'register' ) );
		}
	}

	/**
	 * The hourly job, built only when WP-Cron runs it.
	 */
	public static function run_cleanup(): void {
		Container::site()->cleanup()->run();
	}

	/**
	 * `Settings.key_rotation_days`, checked by the same hourly job.
	 */
	public static function run_key_rotation(): void {
		Container::site()->scheduled_key_rotation()->run();
	}

	public static function schedule_events(): void {
		if ( ! wp_next_scheduled( self::CLEANUP_HOOK ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'hourly', self::CLEANUP_HOOK );
		}
	}

	public static function unschedule_events(): void {
		wp_clear_scheduled_hook( self::CLEANUP_HOOK );
	}
}
