<?php
declare(strict_types=1);

namespace Keystone_OIDC;

use Keystone_OIDC\Endpoints\Router;
use Keystone_OIDC\Http\Outage_Dropin;
use Keystone_OIDC\Keys\Key_Store;
use Keystone_OIDC\Storage\Schema;

/**
 * Activation and deactivation. Activation is safe to repeat: tables are created or upgraded, a
 * signing key is made only when none exists, rewrite rules are flushed.
 */
final class Activator {
	public static function activate(): void {
		Schema::install();
		Key_Store::instance()->ensure();
		Router::add_rewrite_rules();
		flush_rewrite_rules();
		Outage_Dropin::install();
	}

	public static function deactivate(): void {
		Plugin::unschedule_events();
		flush_rewrite_rules();
		Outage_Dropin::remove();
	}

	/**
	 * Runs the schema upgrade when the code's version differs from the stored one (after an update
	 * that replaced the files without a new activation).
	 */
	public static function maybe_upgrade(): void {
		if ( ! Schema::is_current() ) {
			self::activate();
		}
	}
}
