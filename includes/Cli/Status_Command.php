<?php
declare(strict_types=1);

namespace Keystone_OIDC\Cli;

use Keystone_OIDC\Container;
use Keystone_OIDC\Endpoints\Router;
use Keystone_OIDC\Keys\Key_Provisioning;
use Keystone_OIDC\Plugin;
use Keystone_OIDC\REST\Settings_Controller;
use Keystone_OIDC\Storage\Client_Repository;
use Keystone_OIDC\Storage\Schema;
use Keystone_OIDC\Storage\Usage_Counts;
use WP_CLI;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;

/**
 * Shows the provider at a glance: issuer, endpoints, keys, counts and what needs attention.
 */
final class Status_Command {
	/** A current key older than this is worth rotating. */
	const KEY_AGE_WARNING_DAYS = \Keystone_OIDC\Health\Key_Age_Test::WARNING_DAYS;

	/** @var Container */
	private $container;

	/** @var Keys_Command */
	private $keys;

	public function __construct( Container $container, Keys_Command $keys ) {
		$this->container = $container;
		$this->keys      = $keys;
	}

	/**
	 * Shows the issuer, endpoints, keys, counts and problems.
	 *
	 * The issuer, the discovery URL and endpoints, the signing keys and their age, how many
	 * clients, live tokens and remembered consents there are, and the problems found: keys that
	 * cannot be made or decrypted, an old signing key, the cleanup job not scheduled, rewrite
	 * rules missing endpoints, an issuer without HTTPS, salts not defined in wp-config.php, a
	 * database schema not yet upgraded.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - yaml
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp oidc status
	 *     $ wp oidc status --format=json
	 *
	 * @param string[]            $args
	 * @param array<string,mixed> $assoc_args
	 */
	public function __invoke( array $args, array $assoc_args ): void {
		$settings = ( new Settings_Controller() )->get_item( new WP_REST_Request( 'GET' ) );
		if ( $settings instanceof WP_Error ) {
			Console::fail( $settings );
			return;
		}
		$settings = $settings instanceof WP_REST_Response ? (array) $settings->get_data() : array();
		$keys     = $this->keys->keys();
		$tokens   = Usage_Counts::active_tokens( $this->container->clock()->now() );
		$status   = array(
			'issuer'        => $settings['issuer'],
			'issuer_mode'   => $settings['issuer_mode'],
			'discovery_url' => $settings['discovery_url'],
			'version'       => $settings['version'],
			'endpoints'     => $settings['endpoints'],
			'keys'          => $keys,
			'counts'        => array(
				'clients'        => count( Client_Repository::all() ),
				'access_tokens'  => $tokens['access'],
				'refresh_tokens' => $tokens['refresh'],
				'consents'       => Usage_Counts::consents(),
			),
			'problems'      => $this->problems( (string) $settings['issuer'], $keys ),
		);
		if ( 'table' !== Console::format( $assoc_args ) ) {
			Console::record( $assoc_args, $status );
			return;
		}
		self::show( $status );
	}

	/**
	 * @param array<int,array<string,mixed>> $keys As `Keys_Command::keys()` lists them.
	 * @return array<int,array{severity: string, code: string, message: string}>
	 */
	private function problems( string $issuer, array $keys ): array {
		$problems = array();
		$failure  = Key_Provisioning::failure();
		if ( false !== $failure ) {
			$problems[] = self::problem( 'critical', 'keys_not_created', 'No signing key could be created: ' . $failure );
		}
		$unusable = $this->container->key_store()->unusable_algorithms();
		if ( array() !== $unusable ) {
			$problems[] = self::problem( 'critical', 'keys_undecryptable', sprintf( 'The current %s key does not decrypt with this site\'s salts (they changed). Run `wp oidc keys rotate`.', implode( ' and ', $unusable ) ) );
		}
		foreach ( $keys as $key ) {
			if ( 'current' === $key['status'] && $key['age_days'] > self::KEY_AGE_WARNING_DAYS ) {
				$problems[] = self::problem( 'recommended', 'key_old', sprintf( 'The current %s key is %d days old. Rotate it (`wp oidc keys rotate`); tokens already issued stay valid.', $key['alg'], $key['age_days'] ) );
			}
		}
		if ( false === wp_next_scheduled( Plugin::CLEANUP_HOOK ) ) {
			$problems[] = self::problem( 'recommended', 'cleanup_not_scheduled', 'The hourly cleanup is not scheduled in WP-Cron; expired codes and tokens pile up. Visiting the site schedules it; `wp oidc cleanup` runs it now.' );
		}
		if ( ! Router::rules_stored() ) {
			$problems[] = self::problem( 'recommended', 'rewrite_rules_stale', 'The stored rewrite rules lack some endpoints. Run `wp rewrite flush`.' );
		}
		if ( 'https' !== wp_parse_url( $issuer, PHP_URL_SCHEME ) ) {
			$problems[] = self::problem( 'recommended', 'issuer_not_https', sprintf( 'The issuer %s is not HTTPS: relying parties outside a test set-up refuse it.', $issuer ) );
		}
		if ( ! defined( 'AUTH_KEY' ) || ! defined( 'AUTH_SALT' ) ) {
			$problems[] = self::problem( 'recommended', 'salts_not_defined', 'AUTH_KEY and AUTH_SALT are not defined in wp-config.php: the signing keys are encrypted with salts kept in the database beside them.' );
		}
		if ( ! Schema::is_current() ) {
			$problems[] = self::problem( 'critical', 'schema_outdated', 'The database tables are not at this version\'s schema yet. Visiting any page upgrades them.' );
		}
		return $problems;
	}

	/**
	 * @return array{severity: string, code: string, message: string}
	 */
	private static function problem( string $severity, string $code, string $message ): array {
		return array(
			'severity' => $severity,
			'code'     => $code,
			'message'  => $message,
		);
	}

	/**
	 * @param array<string,mixed> $status
	 */
	private static function show( array $status ): void {
		WP_CLI::line( 'Issuer:     ' . $status['issuer'] . ' (' . $status['issuer_mode'] . ')' );
		WP_CLI::line( 'Discovery:  ' . $status['discovery_url'] );
		WP_CLI::line( 'Version:    ' . $status['version'] );
		WP_CLI::line( '' );
		$endpoints = array();
		foreach ( $status['endpoints'] as $name => $url ) {
			$endpoints[] = array(
				'endpoint' => $name,
				'url'      => $url,
			);
		}
		\WP_CLI\Utils\format_items( 'table', $endpoints, array( 'endpoint', 'url' ) );
		WP_CLI::line( '' );
		\WP_CLI\Utils\format_items( 'table', $status['keys'], array( 'kid', 'alg', 'status', 'age_days', 'expires_at' ) );
		WP_CLI::line( '' );
		foreach ( $status['counts'] as $what => $count ) {
			WP_CLI::line( sprintf( '%-15s %d', str_replace( '_', ' ', $what ) . ':', $count ) );
		}
		WP_CLI::line( '' );
		if ( array() === $status['problems'] ) {
			WP_CLI::success( 'No problems found.' );
			return;
		}
		foreach ( $status['problems'] as $problem ) {
			WP_CLI::warning( sprintf( '[%s] %s (%s)', $problem['severity'], $problem['message'], $problem['code'] ) );
		}
	}
}
