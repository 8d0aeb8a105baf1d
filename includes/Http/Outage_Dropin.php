<?php
declare(strict_types=1);

namespace Keystone_OIDC\Http;

/**
 * WordPress's database-error drop-in (`wp-content/db-error.php`): the only code WordPress runs when
 * it cannot reach the database, before any plugin loads. Ours hands protocol requests to
 * `Outage_Response` and shows WordPress's usual page for everything else. It is written on
 * activation only when the site has no drop-in of its own, and removed on deactivation only when
 * it is ours. Filter `keystone_oidc_database_error_dropin` (false) keeps it off the site.
 */
final class Outage_Dropin {
	const MARKER = 'Keystone OIDC database-error drop-in';

	const STATE_OURS     = 'ours';
	const STATE_OUTDATED = 'outdated';
	const STATE_OTHER    = 'other';
	const STATE_MISSING  = 'missing';
	const STATE_OFF      = 'off';

	public static function path(): string {
		return WP_CONTENT_DIR . '/db-error.php';
	}

	public static function install(): void {
		if ( ! apply_filters( 'keystone_oidc_database_error_dropin', true ) ) {
			self::remove();
			return;
		}
		$path    = self::path();
		$content = self::content( KEYSTONE_OIDC_DIR . '/includes' );
		if ( is_file( $path ) && ( ! self::is_ours( $path ) || file_get_contents( $path ) === $content ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
			return;
		}
		if ( ! wp_is_writable( dirname( $path ) ) ) {
			return;
		}
		// Written aside and renamed, so a request failing meanwhile never includes half a file.
		$draft = $path . '.' . wp_generate_password( 8, false ) . '.tmp';
		if ( false === file_put_contents( $draft, $content ) || ! rename( $draft, $path ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions -- activation cannot ask for WP_Filesystem credentials.
			wp_delete_file( $draft );
		}
	}

	public static function remove(): void {
		$path = self::path();
		if ( is_file( $path ) && self::is_ours( $path ) ) {
			wp_delete_file( $path );
		}
	}

	/**
	 * The drop-in's source; `$includes` is the plugin's `includes/` folder, written in as a literal
	 * because nothing of the plugin is loaded when the drop-in runs.
	 */
	public static function content( string $includes ): string {
		$literal = var_export( $includes, true ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_var_export -- writes a PHP string literal.
		$lines   = array(
			'<?php',
			'/**',
			' * ' . self::MARKER . ': written by the Keystone OIDC plugin on activation, removed on',
			' * deactivation. WordPress runs this file instead of its own page when it cannot reach the',
			' * database; the plugin\'s protocol endpoints then answer in their own format (503',
			' * temporarily_unavailable), every other address as WordPress would.',
			' *',
			' * @package Keystone_OIDC',
			' */',
			'',
			"if ( ! defined( 'ABSPATH' ) ) {",
			'	exit;',
			'}',
			'$keystone_oidc_includes = ' . $literal . ';',
			"if ( is_file( \$keystone_oidc_includes . '/Http/Outage_Response.php' ) ) {",
			"	require_once \$keystone_oidc_includes . '/Autoloader.php';",
			'	\\Keystone_OIDC\\Autoloader::register( $keystone_oidc_includes );',
			'	if ( \\Keystone_OIDC\\Http\\Outage_Response::answer() ) {',
			'		return;',
			'	}',
			'}',
			"if ( ( wp_installing() || defined( 'WP_ADMIN' ) ) && ! empty( \$GLOBALS['wpdb']->error ) ) {",
			"	wp_die( \$GLOBALS['wpdb']->error );",
			'}',
			"wp_die( '<h1>' . __( 'Error establishing a database connection' ) . '</h1>', __( 'Database Error' ) );",
		);
		return implode( "\n", $lines ) . "\n";
	}

	/**
	 * What `wp-content/db-error.php` is now, for Site Health: ours as this version writes it, ours
	 * from another version, another drop-in, none, or kept off by the filter.
	 */
	public static function state(): string {
		$path = self::path();
		if ( ! apply_filters( 'keystone_oidc_database_error_dropin', true ) ) {
			return is_file( $path ) && ! self::is_ours( $path ) ? self::STATE_OTHER : self::STATE_OFF;
		}
		if ( ! is_file( $path ) ) {
			return self::STATE_MISSING;
		}
		if ( ! self::is_ours( $path ) ) {
			return self::STATE_OTHER;
		}
		return file_get_contents( $path ) === self::content( KEYSTONE_OIDC_DIR . '/includes' ) ? self::STATE_OURS : self::STATE_OUTDATED; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
	}

	private static function is_ours( string $path ): bool {
		$head = (string) file_get_contents( $path, false, null, 0, 512 ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
		return false !== strpos( $head, self::MARKER );
	}
}
