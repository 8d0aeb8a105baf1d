<?php
declare(strict_types=1);

namespace Keystone_OIDC\Upgrade;

use Keystone_OIDC\Clock;
use Keystone_OIDC\Storage\Schema;
use Keystone_OIDC\Storage\Token_Repository;

/**
 * Copies the 2.x access and refresh tokens into ours, in one statement on the server (a 2.x site
 * never deleted unrevoked tokens, so there may be many). 2.x stored SHA-256 of the refresh token
 * and of the whole access-token JWT, which is exactly `Crypto\Secret_Hash` of the value: a 2.x
 * refresh token is found, redeemed once and rotated by the ordinary refresh grant, and a 2.x
 * access token by `Tokens\V2_Access_Token`. Each token is a family of its own (2.x kept no link
 * between them); `revoked` 2.x tokens arrive revoked. 2.x times are UTC `DATETIME`s, converted
 * without the session's time zone. `INSERT IGNORE` on the unique token_hash makes reruns safe.
 */
final class V2_Token_Copy {
	const MARKER = '{"v2":true}';

	public static function run(): void {
		global $wpdb;
		$source = V2_Tables::aside( V2_Tables::TOKENS );
		if ( ! V2_Tables::exists( $source ) ) {
			return;
		}
		$target = Schema::tokens_table();
		$result = $wpdb->query(
			$wpdb->prepare(
				"INSERT IGNORE INTO `{$target}` (token_hash, type, grant_id, client_id, user_id, scope, data, expires_at, revoked_at, used_at, created_at)
				SELECT s.token_hash, s.token_type, MD5(CONCAT('keystone-oidc-v2|', s.token_hash)), s.client_id, s.user_id, s.scope, %s,
					TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', s.expires_at),
					IF(s.revoked = 1, %d, NULL), NULL,
					TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', s.created_at)
				FROM `{$source}` s WHERE s.token_type IN (%s, %s)", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names are ours.
				self::MARKER,
				Clock::now(),
				Token_Repository::TYPE_ACCESS,
				Token_Repository::TYPE_REFRESH
			)
		);
		if ( false === $result ) {
			throw new \RuntimeException( 'Copying the Keystone OIDC 2.x tokens failed: ' . $wpdb->last_error );
		}
	}

	/**
	 * Whether every 2.x access and refresh token has its row in our table (2.x made no others).
	 */
	public static function complete(): bool {
		global $wpdb;
		$source = V2_Tables::aside( V2_Tables::TOKENS );
		if ( ! V2_Tables::exists( $source ) ) {
			return true;
		}
		$target  = Schema::tokens_table();
		$missing = $wpdb->get_var(
			$wpdb->prepare(
				"SELECT COUNT(*) FROM `{$source}` s LEFT JOIN `{$target}` t ON t.token_hash = s.token_hash WHERE t.token_hash IS NULL AND s.token_type IN (%s, %s)", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names are ours.
				Token_Repository::TYPE_ACCESS,
				Token_Repository::TYPE_REFRESH
			)
		);
		return '0' === (string) $missing;
	}
}
