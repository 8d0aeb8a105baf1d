<?php
declare(strict_types=1);

namespace Keystone_OIDC\Upgrade;

/**
 * The tables of Keystone OIDC 2.x. They have the names ours have, in another shape (`dbDelta`
 * over them would leave 2.x columns such as `code NOT NULL UNIQUE` behind and break our inserts),
 * so the upgrade moves them aside under names of their own first. Every question here is asked of
 * the database itself, so a rerun after an interruption finds out how far the last run came.
 */
final class V2_Tables {
	const CLIENTS = 'clients';
	const CODES   = 'auth_codes';
	const TOKENS  = 'tokens';

	/**
	 * A column only the 2.x shape of each table has; it stays recognisable even if a `dbDelta`
	 * added our columns next to it.
	 */
	const MARKERS = array(
		self::CLIENTS => 'client_secret',
		self::CODES   => 'code',
		self::TOKENS  => 'token_type',
	);

	/**
	 * The name both versions give the table.
	 */
	public static function live( string $which ): string {
		global $wpdb;
		return $wpdb->prefix . 'oidc_' . $which;
	}

	/**
	 * Where the 2.x table waits while its rows are copied.
	 */
	public static function aside( string $which ): string {
		global $wpdb;
		return $wpdb->prefix . 'oidc_v2_' . $which;
	}

	/**
	 * Whether anything of the 2.x tables is left: a table still in its 2.x shape, or one moved aside.
	 */
	public static function present(): bool {
		foreach ( array_keys( self::MARKERS ) as $which ) {
			if ( self::exists( self::aside( $which ) ) || self::has_v2_shape( $which ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Renames each 2.x-shaped table aside (RENAME TABLE is atomic). A table already aside is left
	 * as it is; both present at once (2.x was activated again in between) stops the upgrade, with
	 * nothing changed, rather than choose which rows win.
	 */
	public static function move_aside(): void {
		global $wpdb;
		foreach ( array_keys( self::MARKERS ) as $which ) {
			if ( ! self::has_v2_shape( $which ) ) {
				continue;
			}
			$live  = self::live( $which );
			$aside = self::aside( $which );
			if ( self::exists( $aside ) ) {
				throw new \RuntimeException( sprintf( 'Both %s and %s hold Keystone OIDC 2.x rows.', $live, $aside ) );
			}
			if ( false === $wpdb->query( "RENAME TABLE `{$live}` TO `{$aside}`" ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names are ours.
				throw new \RuntimeException( sprintf( 'Could not rename %s.', $live ) );
			}
		}
	}

	/**
	 * Drops one table that was moved aside; only once its rows are known to be copied.
	 */
	public static function drop_aside( string $which ): void {
		global $wpdb;
		$aside = self::aside( $which );
		$wpdb->query( "DROP TABLE IF EXISTS `{$aside}`" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
	}

	public static function exists( string $table ): bool {
		global $wpdb;
		$found = $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) );
		return is_string( $found ) && $found === $table;
	}

	private static function has_v2_shape( string $which ): bool {
		global $wpdb;
		$live = self::live( $which );
		if ( ! self::exists( $live ) ) {
			return false;
		}
		$column = $wpdb->get_var( $wpdb->prepare( "SHOW COLUMNS FROM `{$live}` LIKE %s", $wpdb->esc_like( self::MARKERS[ $which ] ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		return is_string( $column ) && self::MARKERS[ $which ] === $column;
	}
}
