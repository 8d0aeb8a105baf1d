<?php
declare(strict_types=1);

namespace Keystone_OIDC\Health;

use Keystone_OIDC\Config;
use Keystone_OIDC\Http\Outage_Dropin;
use Keystone_OIDC\Keys\Key_Store;
use Keystone_OIDC\Keys\Keys_Unavailable;
use Keystone_OIDC\Plugin;
use Keystone_OIDC\REST\Settings_Controller;
use Keystone_OIDC\Storage\Client_Repository;
use Keystone_OIDC\Storage\Schema;
use Keystone_OIDC\Time\Clock;
use WP_REST_Request;
use WP_REST_Response;

/**
 * The "Keystone OIDC" section of Tools → Site Health → Info (`debug_information`), which an admin
 * copies into a support request: the provider's configuration as the Settings screen reads it (the
 * same `/settings` answer, so every setting added there shows here too), the keys, counts, lifetimes
 * and the state of what the tests check. Nothing secret: no private key, client secret or token.
 * Built only when that tab is shown.
 */
final class Debug_Information {
	const SECTION = 'keystone-oidc';

	/** @var Key_Store */
	private $keys;

	/** @var Clock */
	private $clock;

	public function __construct( Key_Store $keys, Clock $clock ) {
		$this->keys  = $keys;
		$this->clock = $clock;
	}

	/**
	 * @param array<string,mixed> $info
	 * @return array<string,mixed>
	 */
	public function add( array $info ): array {
		$info[ self::SECTION ] = array(
			'label'       => __( 'Keystone OIDC', 'keystone-oidc' ),
			'description' => __( 'The OpenID Connect provider’s configuration. No private key, client secret or token is shown.', 'keystone-oidc' ),
			'fields'      => $this->fields(),
		);
		return $info;
	}

	/**
	 * @return array<string,array<string,mixed>>
	 */
	private function fields(): array {
		$response = ( new Settings_Controller() )->get_item( new WP_REST_Request( 'GET' ) );
		$settings = $response instanceof WP_REST_Response ? (array) $response->get_data() : array();
		$fields   = array(
			'version'        => self::field( __( 'Version', 'keystone-oidc' ), KEYSTONE_OIDC_VERSION ),
			'schema_version' => self::field(
				__( 'Database schema version', 'keystone-oidc' ),
				/* translators: 1: stored schema version, 2: the version this code expects */
				sprintf( __( '%1$s (this version expects %2$s)', 'keystone-oidc' ), (string) get_option( Schema::VERSION_OPTION, '' ), Schema::VERSION )
			),
			'issuer'         => self::field( __( 'Issuer', 'keystone-oidc' ), Config::issuer() ),
			'issuer_mode'    => self::field( __( 'Issuer mode', 'keystone-oidc' ), Config::issuer_mode() ),
		);
		if ( isset( $settings['discovery_url'] ) ) {
			$fields['discovery_url'] = self::field( __( 'Discovery document', 'keystone-oidc' ), (string) $settings['discovery_url'] );
		}
		if ( isset( $settings['endpoints'] ) && is_array( $settings['endpoints'] ) ) {
			$fields['endpoints'] = self::field( __( 'Endpoints', 'keystone-oidc' ), $settings['endpoints'] );
		}
		$fields['keys']      = self::field( __( 'Signing keys', 'keystone-oidc' ), $this->keys() );
		$fields['lifetimes'] = self::field( __( 'Lifetimes (seconds)', 'keystone-oidc' ), self::lifetimes() );
		$fields['clients']   = self::field( __( 'Clients', 'keystone-oidc' ), self::client_counts() );
		// Every `/settings` group's fields, as the Settings screen has them (dynamic registration, …).
		foreach ( $settings as $name => $value ) {
			if ( ! isset( $fields[ $name ] ) && ! in_array( $name, array( 'kid', 'roles', 'pretty_permalinks' ), true ) ) {
				$fields[ 'setting_' . $name ] = self::field( (string) $name, is_scalar( $value ) ? self::scalar( $value ) : (string) wp_json_encode( $value ) );
			}
		}
		$next                       = wp_next_scheduled( Plugin::CLEANUP_HOOK );
		$fields['cleanup_next_run'] = self::field(
			__( 'Cleanup next run', 'keystone-oidc' ),
			false === $next ? __( 'not scheduled', 'keystone-oidc' ) : gmdate( 'Y-m-d H:i:s', (int) $next ) . ' UTC'
		);
		$fields['wp_cron']          = self::field( __( 'WP-Cron on visits', 'keystone-oidc' ), defined( 'DISABLE_WP_CRON' ) && DISABLE_WP_CRON ? 'disabled (DISABLE_WP_CRON)' : 'enabled' );
		$fields['object_cache']     = self::field( __( 'Persistent object cache', 'keystone-oidc' ), wp_using_ext_object_cache() ? 'yes' : 'no' );
		$fields['database_dropin']  = self::field( __( 'Database-error drop-in', 'keystone-oidc' ), Outage_Dropin::state() );
		$fields['salts_in_config']  = self::field( __( 'AUTH_KEY and AUTH_SALT in wp-config.php', 'keystone-oidc' ), array() === Salts_Test::missing( Salts_Test::site_values() ) ? 'yes' : 'no' );
		$fields['openssl']          = self::field( __( 'OpenSSL', 'keystone-oidc' ), defined( 'OPENSSL_VERSION_TEXT' ) ? OPENSSL_VERSION_TEXT : 'missing' );
		return $fields;
	}

	/**
	 * @return array<string,string> kid => "RS256, current, created 2026-12-01 (3 days)".
	 */
	private function keys(): array {
		$now  = $this->clock->now();
		$list = array();
		try {
			$described = $this->keys->describe();
		} catch ( Keys_Unavailable $failure ) {
			return array( 'error' => 'no key could be created: ' . $failure->getMessage() );
		}
		foreach ( $described as $key ) {
			$days                         = intdiv( max( 0, $now - (int) $key['created_at'] ), DAY_IN_SECONDS );
			$list[ (string) $key['kid'] ] = null === $key['retired_at']
				? sprintf( '%s, current, created %s (%d days)', $key['alg'], gmdate( 'Y-m-d', (int) $key['created_at'] ), $days )
				: sprintf( '%s, retired, published until %s', $key['alg'], gmdate( 'Y-m-d H:i', (int) $key['expires_at'] ) . ' UTC' );
		}
		return $list;
	}

	/**
	 * @return array<string,int>
	 */
	private static function lifetimes(): array {
		$lifetimes = array();
		foreach ( array_keys( Config::DEFAULT_LIFETIMES ) as $what ) {
			$lifetimes[ $what ] = Config::lifetime( $what );
		}
		return $lifetimes;
	}

	/**
	 * @return array<string,int> "source: admin" => 3, "type: public" => 1, …
	 */
	private static function client_counts(): array {
		$counts = array( 'total' => 0 );
		foreach ( Client_Repository::all() as $client ) {
			++$counts['total'];
			foreach ( array( 'source' => $client->source, 'type' => $client->type ) as $what => $value ) {
				$key            = $what . ': ' . $value;
				$counts[ $key ] = ( $counts[ $key ] ?? 0 ) + 1;
			}
		}
		ksort( $counts );
		return $counts;
	}

	/**
	 * @param mixed $value
	 */
	private static function scalar( $value ): string {
		return is_bool( $value ) ? ( $value ? 'true' : 'false' ) : (string) $value;
	}

	/**
	 * @param string|array<string,mixed> $value
	 * @return array<string,mixed>
	 */
	private static function field( string $label, $value ): array {
		return array(
			'label' => $label,
			'value' => $value,
		);
	}
}
