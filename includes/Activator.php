<?php
declare(strict_types=1);

namespace Keystone_OIDC;

use Keystone_OIDC\Endpoints\Router;
use Keystone_OIDC\Http\Outage_Dropin;
use Keystone_OIDC\Keys\Key_Provisioning;
use Keystone_OIDC\Multisite\Network_Lifecycle;
use Keystone_OIDC\Storage\Schema;
use Keystone_OIDC\Tokens\Claim_Map;
use Keystone_OIDC\Upgrade\From_V2;

/**
 * Activation and deactivation. Activation is safe to repeat: tables are created or upgraded, a
 * signing key is made only when none exists (a failure to make one does not fail activation),
 * rewrite rules are flushed.
 */
final class Activator {
	/**
	 * @param bool $network_wide Network activation (WordPress passes it): only this site is set
	 *                           up now, the others on their first request (`maybe_upgrade`).
	 */
	public static function activate( bool $network_wide = false ): void {
		// A site coming from Keystone OIDC 2.x: its tables are carried over first. When that cannot
		// finish now, nothing else touches them; the version check tries again on the next request.
		if ( ! From_V2::run() ) {
			return;
		}
		add_option( Config::ISSUER_MODE_OPTION, Config::ISSUER_MODE_HOME, '', 'yes' );
		// Stored, autoloaded, so discovery (which names the registration endpoint or not) reads it without a query.
		add_option( Registration\Registration_Settings::MODE_OPTION, Registration\Registration_Settings::MODE_OFF, '', 'yes' );
		// Read by every authorization, token or UserInfo request: stored with their defaults and
		// autoloaded, so those requests find them among the options WordPress loads at boot
		// instead of asking the database for each (a missing option is a query every time).
		add_option( Settings\Lifetime_Settings::OPTION, array(), '', 'yes' );
		add_option( Settings\Email_Trust_Settings::OPTION, '0', '', 'yes' );
		add_option( Settings\Consent_Settings::OPTION, 0, '', 'yes' );
		Schema::install();
		// Never fatal: without a key the site still works, the admin is told, and keys follow later.
		Key_Provisioning::ensure();
		Claim_Map::ensure_stored();
		Router::add_rewrite_rules();
		flush_rewrite_rules();
		if ( Network_Lifecycle::manages_dropin( $network_wide ) ) {
			Outage_Dropin::install();
		}
	}

	public static function deactivate( bool $network_wide = false ): void {
		Plugin::unschedule_events();
		flush_rewrite_rules();
		if ( is_multisite() && $network_wide ) {
			Network_Lifecycle::deactivate_everywhere();
		}
		if ( Network_Lifecycle::manages_dropin( $network_wide ) ) {
			Outage_Dropin::remove();
		}
	}

	/**
	 * After an update that replaced the files without a new activation: runs the schema upgrade
	 * when the code's version differs from the stored one, and regenerates the rewrite rules when
	 * the stored ones lack an endpoint this version adds. Hooked late on `init`, once this
	 * request's rules are registered (rewrite rules cannot be flushed before `init`); on a current
	 * site it costs two lookups in autoloaded options.
	 */
	public static function maybe_upgrade(): void {
		if ( ! Schema::is_current() ) {
			self::activate();
			return;
		}
		if ( ! Router::rules_stored() ) {
			flush_rewrite_rules( false );
		}
	}
}
