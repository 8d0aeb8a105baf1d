<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Container;

/**
 * SQL for `{prefix}oidc_clients`. The core fields have columns; the later optional `ClientInput`
 * fields live in the `settings` JSON column. Lookups are kept for the current request, and with a
 * persistent object cache (Redis, Memcached) a found client's row is kept there too, so the
 * authorization, token and UserInfo endpoints stop reading the table on every request. Every write
 * below replaces the entry by a "changed" mark for a minute, on every web node at once since they
 * share the cache: a reader stores a row only where nothing is (`wp_cache_add`), so a request that
 * read the row just before the write cannot put the old row back, and while the mark stands the
 * table is read. An unknown client_id is never cached beyond the request (anyone can send one).
 * Clients declared in code
 * (`Clients\Code_Clients`) are found first, from memory, and shadow a stored client with the same
 * client_id.
 */
final class Client_Repository {
	const SETTINGS_FIELDS = array(
		'post_logout_redirect_uris',
		'backchannel_logout_uri',
		'audiences',
		'allowed_roles',
		'skip_consent',
		'skip_consent_offline_access',
		'refresh_tokens',
		'id_token_signed_response_alg',
		'grant_types',
		'token_endpoint_auth_method',
		'jwks',
		'jwks_uri',
		'rest_access',
	);

	/** Kept with the settings but never taken from a `ClientInput`: who made the client. */
	const RECORDED_FIELDS = array( 'source' );

	/** The object cache group of stored clients' rows (per site on a network, as WordPress keys it). */
	const CACHE_GROUP = 'keystone_oidc_clients';

	/** How long a row stays in a persistent cache when nothing changes it: a bound on a change made behind the plugin's back. */
	const CACHE_SECONDS = HOUR_IN_SECONDS;

	/** What a write leaves in the cache instead of the row, and for how long. */
	const CHANGED         = 'changed';
	const CHANGED_SECONDS = MINUTE_IN_SECONDS;

	/** @var array<string,Client|null> */
	private static $cache = array();

	public static function find( string $client_id ): ?Client {
		global $wpdb;
		if ( '' === $client_id || strlen( $client_id ) > 64 ) {
			return null;
		}
		$declared = Container::site()->code_clients()->find( $client_id );
		if ( null !== $declared ) {
			return $declared;
		}
		if ( ! array_key_exists( $client_id, self::$cache ) ) {
			$cached = wp_cache_get( $client_id, self::CACHE_GROUP );
			$row    = $cached;
			if ( ! is_array( $row ) ) {
				$table = Schema::clients_table();
				$row   = $wpdb->get_row(
					$wpdb->prepare( "SELECT * FROM {$table} WHERE client_id = %s", $client_id ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
					ARRAY_A
				);
				// The column's collation is case-insensitive; a client_id is not.
				$row = is_array( $row ) && hash_equals( (string) $row['client_id'], $client_id ) ? $row : null;
				if ( null !== $row && self::CHANGED !== $cached ) {
					wp_cache_add( $client_id, $row, self::CACHE_GROUP, self::CACHE_SECONDS );
				}
			}
			self::$cache[ $client_id ] = null === $row ? null : self::from_row( $row );
		}
		$client = self::$cache[ $client_id ];
		return null === $client ? null : clone $client;
	}

	/**
	 * Every client: those declared in code in their order, then the stored ones, newest first.
	 *
	 * @return Client[]
	 */
	public static function all(): array {
		$code   = Container::site()->code_clients();
		$stored = array_filter(
			self::stored(),
			static function ( Client $client ) use ( $code ): bool {
				return ! $code->defines( $client->client_id );
			}
		);
		return array_merge( $code->all(), array_values( $stored ) );
	}

	/**
	 * The clients in the table, newest first, including any a code client shadows.
	 *
	 * @return Client[]
	 */
	public static function stored(): array {
		global $wpdb;
		$table = Schema::clients_table();
		$rows  = $wpdb->get_results( "SELECT * FROM {$table} ORDER BY created_at DESC, id DESC", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours, no input.
		return array_map( array( self::class, 'from_row' ), is_array( $rows ) ? $rows : array() );
	}

	/**
	 * Which of these client_ids also have a stored client (a code client shadows it).
	 *
	 * @param string[] $client_ids
	 * @return string[]
	 */
	public static function stored_ids_among( array $client_ids ): array {
		global $wpdb;
		if ( array() === $client_ids ) {
			return array();
		}
		$table        = Schema::clients_table();
		$placeholders = implode( ', ', array_fill( 0, count( $client_ids ), '%s' ) );
		$found        = $wpdb->get_col( $wpdb->prepare( "SELECT client_id FROM {$table} WHERE client_id IN ({$placeholders})", $client_ids ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare -- table name is ours; one placeholder per id.
		// The column's collation is case-insensitive; a client_id is not.
		return array_values( array_intersect( $client_ids, is_array( $found ) ? array_map( 'strval', $found ) : array() ) );
	}

	public static function exists( string $client_id ): bool {
		return null !== self::find( $client_id );
	}

	/**
	 * @return bool False when the row could not be inserted (a duplicate client_id).
	 */
	public static function insert( Client $client ): bool {
		global $wpdb;
		self::forget( $client->client_id );
		$row               = self::to_row( $client );
		$row['client_id']  = $client->client_id;
		$row['created_at'] = self::to_sql_time( $client->created_at );
		return false !== $wpdb->insert( Schema::clients_table(), $row, self::formats( $row ) );
	}

	public static function update( Client $client ): bool {
		global $wpdb;
		$row     = self::to_row( $client );
		$updated = false !== $wpdb->update( Schema::clients_table(), $row, array( 'client_id' => $client->client_id ), self::formats( $row ), array( '%s' ) );
		self::forget( $client->client_id );
		return $updated;
	}

	public static function delete( string $client_id ): bool {
		global $wpdb;
		$deleted = (int) $wpdb->delete( Schema::clients_table(), array( 'client_id' => $client_id ), array( '%s' ) ) > 0;
		self::forget( $client_id );
		return $deleted;
	}

	/**
	 * Replaces a 2.x password hash by the current storage form of the same secret. Only the request
	 * that still finds the 2.x hash in place writes, so two concurrent first uses agree.
	 */
	public static function replace_legacy_secret( string $client_id, string $legacy_hash, string $secret_hash ): bool {
		global $wpdb;
		$table   = Schema::clients_table();
		$updated = $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET secret_hash = %s, legacy_secret_hash = NULL WHERE client_id = %s AND legacy_secret_hash = %s AND secret_hash IS NULL", $secret_hash, $client_id, $legacy_hash ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name is ours.
		self::forget( $client_id );
		return 1 === $updated;
	}

	/**
	 * After a write: the request's copy goes, and the shared cache's entry becomes the "changed"
	 * mark (see the class comment), set after the statement so that a row read before it cannot be
	 * stored over the mark.
	 */
	private static function forget( string $client_id ): void {
		unset( self::$cache[ $client_id ] );
		wp_cache_set( $client_id, self::CHANGED, self::CACHE_GROUP, self::CHANGED_SECONDS );
	}

	/**
	 * @param array<string,mixed> $row
	 */
	private static function from_row( array $row ): Client {
		$client                     = new Client();
		$client->client_id          = (string) $row['client_id'];
		$client->name               = (string) $row['name'];
		$client->type               = Client::TYPE_PUBLIC === $row['type'] ? Client::TYPE_PUBLIC : Client::TYPE_CONFIDENTIAL;
		$client->redirect_uris      = self::string_list( $row['redirect_uris'] );
		$client->scopes             = self::string_list( $row['scopes'] );
		$client->secret_hash        = null === $row['secret_hash'] || '' === $row['secret_hash'] ? null : (string) $row['secret_hash'];
		$client->legacy_secret_hash = isset( $row['legacy_secret_hash'] ) && '' !== $row['legacy_secret_hash'] ? (string) $row['legacy_secret_hash'] : null;
		$client->created_at         = self::to_iso_time( (string) $row['created_at'] );
		$client->updated_at         = self::to_iso_time( (string) $row['updated_at'] );
		if ( ! in_array( 'openid', $client->scopes, true ) ) {
			array_unshift( $client->scopes, 'openid' );
		}

		$settings = json_decode( (string) $row['settings'], true );
		$settings = is_array( $settings ) ? $settings : array();
		foreach ( array( 'post_logout_redirect_uris', 'audiences', 'allowed_roles' ) as $list ) {
			if ( isset( $settings[ $list ] ) && is_array( $settings[ $list ] ) ) {
				$client->$list = array_values( array_filter( $settings[ $list ], 'is_string' ) );
			}
		}
		if ( isset( $settings['backchannel_logout_uri'] ) && is_string( $settings['backchannel_logout_uri'] ) ) {
			$client->backchannel_logout_uri = $settings['backchannel_logout_uri'];
		}
		foreach ( array( 'skip_consent', 'skip_consent_offline_access', 'refresh_tokens' ) as $flag ) {
			if ( isset( $settings[ $flag ] ) && is_bool( $settings[ $flag ] ) ) {
				$client->$flag = $settings[ $flag ];
			}
		}
		if ( isset( $settings['id_token_signed_response_alg'] ) && in_array( $settings['id_token_signed_response_alg'], array( 'RS256', 'ES256' ), true ) ) {
			$client->id_token_signed_response_alg = $settings['id_token_signed_response_alg'];
		}
		self::read_protocol_settings( $client, $settings );
		return $client;
	}

	/**
	 * The RFC 7591 fields. Rows written before they existed (and 2.x rows) get what those clients
	 * always had: the code and refresh grants as `refresh_tokens` says, and the secret methods for
	 * confidential clients, `none` for public ones.
	 *
	 * @param array<string,mixed> $settings
	 */
	private static function read_protocol_settings( Client $client, array $settings ): void {
		$client->grant_types = array( Client::GRANT_AUTHORIZATION_CODE );
		if ( $client->refresh_tokens ) {
			$client->grant_types[] = Client::GRANT_REFRESH_TOKEN;
		}
		if ( isset( $settings['grant_types'] ) && is_array( $settings['grant_types'] ) ) {
			$client->grant_types = array_values( array_intersect( Client::GRANT_TYPES, $settings['grant_types'] ) );
		}
		$client->token_endpoint_auth_method = $client->is_public() ? Client::AUTH_NONE : Client::AUTH_SECRET_BASIC;
		if ( isset( $settings['token_endpoint_auth_method'] ) && in_array( $settings['token_endpoint_auth_method'], Client::AUTH_METHODS, true ) ) {
			$client->token_endpoint_auth_method = $settings['token_endpoint_auth_method'];
		}
		if ( isset( $settings['jwks'] ) && is_array( $settings['jwks'] ) ) {
			$client->jwks = $settings['jwks'];
		}
		if ( isset( $settings['jwks_uri'] ) && is_string( $settings['jwks_uri'] ) ) {
			$client->jwks_uri = $settings['jwks_uri'];
		}
		if ( isset( $settings['rest_access'] ) && in_array( $settings['rest_access'], array( Client::REST_NONE, Client::REST_READ, Client::REST_WRITE ), true ) ) {
			$client->rest_access = $settings['rest_access'];
		}
		if ( isset( $settings['source'] ) && in_array( $settings['source'], array( Client::SOURCE_ADMIN, Client::SOURCE_CODE, Client::SOURCE_DYNAMIC ), true ) ) {
			$client->source = $settings['source'];
		}
	}

	/**
	 * The columns an update may change (client_id and created_at never change).
	 *
	 * @return array<string,string|null>
	 */
	private static function to_row( Client $client ): array {
		$settings = array();
		foreach ( array_merge( self::SETTINGS_FIELDS, self::RECORDED_FIELDS ) as $field ) {
			$settings[ $field ] = $client->$field;
		}
		return array(
			'secret_hash'        => $client->secret_hash,
			'legacy_secret_hash' => $client->legacy_secret_hash,
			'name'               => $client->name,
			'type'               => $client->type,
			'redirect_uris'      => (string) wp_json_encode( array_values( $client->redirect_uris ), JSON_UNESCAPED_SLASHES ),
			'scopes'             => (string) wp_json_encode( array_values( $client->scopes ) ),
			'settings'           => (string) wp_json_encode( $settings, JSON_UNESCAPED_SLASHES ),
			'updated_at'         => self::to_sql_time( $client->updated_at ),
		);
	}

	/**
	 * @param array<string,mixed> $row
	 * @return string[]
	 */
	private static function formats( array $row ): array {
		return array_fill( 0, count( $row ), '%s' );
	}

	/**
	 * @param mixed $json
	 * @return string[]
	 */
	private static function string_list( $json ): array {
		$list = json_decode( (string) $json, true );
		return is_array( $list ) ? array_values( array_filter( $list, 'is_string' ) ) : array();
	}

	private static function to_sql_time( string $iso ): string {
		$time = strtotime( $iso );
		return gmdate( 'Y-m-d H:i:s', false === $time ? time() : $time );
	}

	private static function to_iso_time( string $sql ): string {
		$time = strtotime( $sql . ' UTC' );
		return gmdate( 'Y-m-d\TH:i:s\Z', false === $time ? 0 : $time );
	}
}
