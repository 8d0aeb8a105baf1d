<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

/**
 * The plugin's tables and their schema version. `dbDelta` runs on activation and when the
 * stored version differs from the code's, never on an ordinary request. A site coming from
 * Keystone OIDC 2.x has tables of the same names in another shape: `Upgrade\From_V2` moves them
 * aside before `dbDelta` ever sees them.
 */
final class Schema {
	const VERSION        = '6';
	const VERSION_OPTION = 'keystone_oidc_schema_version';

	public static function clients_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'oidc_clients';
	}

	public static function codes_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'oidc_auth_codes';
	}

	public static function tokens_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'oidc_tokens';
	}

	public static function consents_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'oidc_consents';
	}

	public static function device_codes_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'oidc_device_codes';
	}

	/**
	 * Schema version 5: one row per dynamically registered client (RFC 7591).
	 */
	public static function registrations_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'oidc_registrations';
	}

	public static function assertion_jtis_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'oidc_assertion_jtis';
	}

	/**
	 * Schema version 6: the activity log (`Activity\Activity_Repository`).
	 */
	public static function activity_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'oidc_activity';
	}

	/**
	 * @return string[]
	 */
	public static function tables(): array {
		return array( self::clients_table(), self::codes_table(), self::tokens_table(), self::consents_table(), self::registrations_table(), self::device_codes_table(), self::assertion_jtis_table(), self::activity_table() );
	}

	public static function is_current(): bool {
		return self::VERSION === get_option( self::VERSION_OPTION );
	}

	public static function install(): void {
		self::create_tables();
		self::record_version();
	}

	/**
	 * Marks the tables current. Kept apart from `create_tables()` so an upgrade that copies rows
	 * after creating them records the version only once every row is there.
	 */
	public static function record_version(): void {
		update_option( self::VERSION_OPTION, self::VERSION, true );
	}

	public static function create_tables(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$collate  = $wpdb->get_charset_collate();
		$clients  = self::clients_table();
		$codes    = self::codes_table();
		$tokens   = self::tokens_table();
		$consents = self::consents_table();

		dbDelta(
			"CREATE TABLE {$clients} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  client_id varchar(64) NOT NULL,
  secret_hash char(64) DEFAULT NULL,
  legacy_secret_hash varchar(255) DEFAULT NULL,
  name varchar(200) NOT NULL,
  type varchar(20) NOT NULL DEFAULT 'confidential',
  redirect_uris longtext NOT NULL,
  scopes text NOT NULL,
  settings longtext NOT NULL,
  created_at datetime NOT NULL,
  updated_at datetime NOT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY client_id (client_id)
) {$collate};"
		);
		dbDelta(
			"CREATE TABLE {$codes} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  code_hash char(64) NOT NULL,
  client_id varchar(64) NOT NULL,
  user_id bigint(20) unsigned NOT NULL,
  redirect_uri text NOT NULL,
  scope text NOT NULL,
  nonce varchar(512) DEFAULT NULL,
  code_challenge varchar(128) DEFAULT NULL,
  code_challenge_method varchar(10) DEFAULT NULL,
  auth_time bigint(20) unsigned NOT NULL,
  grant_id char(32) NOT NULL,
  data longtext NOT NULL,
  expires_at bigint(20) unsigned NOT NULL,
  used_at bigint(20) unsigned DEFAULT NULL,
  revoked_at bigint(20) unsigned DEFAULT NULL,
  created_at bigint(20) unsigned NOT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY code_hash (code_hash),
  KEY client_id (client_id),
  KEY grant_id (grant_id),
  KEY expires_at (expires_at)
) {$collate};"
		);
		dbDelta(
			"CREATE TABLE {$tokens} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  token_hash char(64) NOT NULL,
  type varchar(16) NOT NULL,
  grant_id char(32) NOT NULL,
  client_id varchar(64) NOT NULL,
  user_id bigint(20) unsigned NOT NULL,
  scope text NOT NULL,
  data longtext NOT NULL,
  expires_at bigint(20) unsigned NOT NULL,
  revoked_at bigint(20) unsigned DEFAULT NULL,
  used_at bigint(20) unsigned DEFAULT NULL,
  created_at bigint(20) unsigned NOT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY token_hash (token_hash),
  KEY grant_id (grant_id),
  KEY client_id (client_id),
  KEY user_id (user_id),
  KEY expires_at (expires_at)
) {$collate};"
		);
		dbDelta(
			"CREATE TABLE {$consents} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  user_id bigint(20) unsigned NOT NULL,
  client_id varchar(64) NOT NULL,
  scopes text NOT NULL,
  created_at bigint(20) unsigned NOT NULL,
  updated_at bigint(20) unsigned NOT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY user_client (user_id,client_id),
  KEY client_id (client_id)
) {$collate};"
		);
		self::create_registrations_table( $collate );
		self::create_device_codes_table( $collate );
		self::create_assertion_jtis_table( $collate );
		self::create_activity_table( $collate );
	}

	/**
	 * `registration_token_hash`: the RFC 7592 registration access token, as `Secret_Hash`;
	 * `registered_by`: the id of the initial access token used, '' for open registration;
	 * `last_used_at`: the last day its tokens were issued (unix), for the idle expiry.
	 */
	private static function create_registrations_table( string $collate ): void {
		$registrations = self::registrations_table();
		dbDelta(
			"CREATE TABLE {$registrations} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  client_id varchar(64) NOT NULL,
  registration_token_hash char(64) NOT NULL,
  registered_by varchar(64) NOT NULL DEFAULT '',
  registered_at bigint(20) unsigned NOT NULL,
  last_used_at bigint(20) unsigned NOT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY client_id (client_id),
  KEY registered_by (registered_by),
  KEY last_used_at (last_used_at)
) {$collate};"
		);
	}

	/**
	 * Schema version 5: device authorization requests (RFC 8628), `Storage\Device_Code_Repository`.
	 * `interval` is a reserved word in MariaDB, hence `poll_interval`.
	 */
	private static function create_device_codes_table( string $collate ): void {
		$devices = self::device_codes_table();
		dbDelta(
			"CREATE TABLE {$devices} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  device_code_hash char(64) NOT NULL,
  user_code_hash char(64) NOT NULL,
  client_id varchar(64) NOT NULL,
  scope text NOT NULL,
  resources longtext NOT NULL,
  status varchar(16) NOT NULL DEFAULT 'pending',
  user_id bigint(20) unsigned DEFAULT NULL,
  auth_time bigint(20) unsigned DEFAULT NULL,
  grant_id char(32) NOT NULL,
  poll_interval int(10) unsigned NOT NULL,
  last_polled_at bigint(20) unsigned DEFAULT NULL,
  expires_at bigint(20) unsigned NOT NULL,
  created_at bigint(20) unsigned NOT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY device_code_hash (device_code_hash),
  UNIQUE KEY user_code_hash (user_code_hash),
  KEY expires_at (expires_at)
) {$collate};"
		);
	}

	/**
	 * Schema version 5: the `jti` of every accepted client assertion (RFC 7523), until it expires.
	 */
	private static function create_assertion_jtis_table( string $collate ): void {
		$table = self::assertion_jtis_table();
		dbDelta(
			"CREATE TABLE {$table} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  jti_hash char(64) NOT NULL,
  client_id varchar(64) NOT NULL,
  expires_at bigint(20) unsigned NOT NULL,
  created_at bigint(20) unsigned NOT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY jti_hash (jti_hash),
  KEY expires_at (expires_at)
) {$collate};"
		);
	}

	/**
	 * Schema version 6: the activity log, newest first by `created_at` (unix) within each filter of
	 * `GET /activity`. `user_id` 0 and `client_id` '' mean none. No IP address is kept
	 * (docs/activity-log.md).
	 */
	private static function create_activity_table( string $collate ): void {
		$table = self::activity_table();
		dbDelta(
			"CREATE TABLE {$table} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  created_at bigint(20) unsigned NOT NULL,
  event varchar(40) NOT NULL,
  client_id varchar(64) NOT NULL DEFAULT '',
  user_id bigint(20) unsigned NOT NULL DEFAULT 0,
  details longtext NOT NULL,
  PRIMARY KEY  (id),
  KEY created_at (created_at),
  KEY event_created (event,created_at),
  KEY client_created (client_id,created_at),
  KEY user_created (user_id,created_at)
) {$collate};"
		);
	}

	public static function drop(): void {
		global $wpdb;
		foreach ( self::tables() as $table ) {
			$wpdb->query( "DROP TABLE IF EXISTS {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names are ours.
		}
		delete_option( self::VERSION_OPTION );
	}
}
