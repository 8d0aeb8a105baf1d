<?php
declare(strict_types=1);

namespace Keystone_OIDC\Upgrade;

use Keystone_OIDC\Config;
use Keystone_OIDC\Storage\Schema;

/**
 * Copies the 2.x clients into ours: client_id, name, redirect URIs, scopes and times as they were;
 * each becomes a confidential client whose 2.x password hash waits in `legacy_secret_hash` until
 * the secret's first use (`Legacy_Client_Secret`). `INSERT IGNORE` on the unique client_id makes a
 * rerun copy only what is missing.
 */
final class V2_Client_Copy {
	public static function run(): void {
		global $wpdb;
		$source = V2_Tables::aside( V2_Tables::CLIENTS );
		if ( ! V2_Tables::exists( $source ) ) {
			return;
		}
		$target = Schema::clients_table();
		$rows   = $wpdb->get_results( "SELECT * FROM `{$source}`", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$client_id = (string) $row['client_id'];
			$hash      = trim( (string) ( $row['client_secret'] ?? '' ) );
			$wpdb->query(
				$wpdb->prepare(
					"INSERT IGNORE INTO `{$target}` (client_id, secret_hash, legacy_secret_hash, name, type, redirect_uris, scopes, settings, created_at, updated_at) VALUES (%s, NULL, %s, %s, 'confidential', %s, %s, '{}', %s, %s)", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
					$client_id,
					$hash,
					self::name( $row, $client_id ),
					(string) wp_json_encode( self::redirect_uris( (string) ( $row['redirect_uris'] ?? '' ) ), JSON_UNESCAPED_SLASHES ),
					(string) wp_json_encode( self::scopes( (string) ( $row['allowed_scopes'] ?? '' ) ) ),
					self::time( $row['created_at'] ?? null ),
					self::time( $row['updated_at'] ?? $row['created_at'] ?? null )
				)
			);
		}
	}

	/**
	 * Whether every 2.x client has its row in our table.
	 */
	public static function complete(): bool {
		global $wpdb;
		$source = V2_Tables::aside( V2_Tables::CLIENTS );
		if ( ! V2_Tables::exists( $source ) ) {
			return true;
		}
		$target  = Schema::clients_table();
		$missing = $wpdb->get_var( "SELECT COUNT(*) FROM `{$source}` s LEFT JOIN `{$target}` t ON t.client_id = s.client_id WHERE t.client_id IS NULL" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names are ours.
		return '0' === (string) $missing;
	}

	/**
	 * 2.x wrote a JSON array; earlier 2.x releases and hand-edited rows hold one URI per line.
	 *
	 * @return string[]
	 */
	public static function redirect_uris( string $stored ): array {
		$decoded = json_decode( $stored, true );
		$list    = is_array( $decoded ) ? $decoded : preg_split( '/\r\n|\r|\n/', $stored );
		$uris    = array();
		foreach ( is_array( $list ) ? $list : array() as $uri ) {
			if ( is_string( $uri ) && '' !== trim( $uri ) ) {
				$uris[] = trim( $uri );
			}
		}
		return array_values( array_unique( $uris ) );
	}

	/**
	 * 2.x kept the allowed scopes space-separated; `openid` is always included, and scopes this
	 * version does not offer are left out (a client could never be granted them).
	 *
	 * @return string[]
	 */
	public static function scopes( string $stored ): array {
		$wanted = preg_split( '/\s+/', trim( $stored ) );
		$wanted = is_array( $wanted ) ? $wanted : array();
		return array_values( array_unique( array_merge( array( 'openid' ), array_intersect( $wanted, Config::supported_scopes() ) ) ) );
	}

	/**
	 * @param array<string,mixed> $row
	 */
	private static function name( array $row, string $client_id ): string {
		$name = trim( (string) ( $row['client_name'] ?? '' ) );
		$name = '' === $name ? $client_id : $name;
		return function_exists( 'mb_substr' ) ? mb_substr( $name, 0, 200 ) : substr( $name, 0, 200 );
	}

	/**
	 * @param mixed $value
	 */
	private static function time( $value ): string {
		$time = is_string( $value ) ? strtotime( $value . ' UTC' ) : false;
		return gmdate( 'Y-m-d H:i:s', false === $time || $time <= 0 ? time() : $time );
	}
}
