<?php
declare(strict_types=1);

namespace Keystone_OIDC\Cli;

use Keystone_OIDC\Container;
use Keystone_OIDC\Keys\Keys_Unavailable;
use Keystone_OIDC\REST\Controller;
use WP_CLI;

/**
 * Lists and rotates the signing keys.
 *
 * A rotation makes a new current key per algorithm; the previous keys stay published in the JWKS
 * until every token they signed has expired, so nobody is signed out by it.
 *
 * ## EXAMPLES
 *
 *     $ wp oidc keys list
 *     $ wp oidc keys rotate --yes
 */
final class Keys_Command {
	const DEFAULT_FIELDS = array( 'kid', 'alg', 'status', 'created_at', 'age_days', 'retired_at', 'expires_at' );

	/** @var Container */
	private $container;

	public function __construct( Container $container ) {
		$this->container = $container;
	}

	/**
	 * Lists the published signing keys.
	 *
	 * The current one of each algorithm, then retired ones still published for the tokens they
	 * signed. Never any private key.
	 *
	 * ## OPTIONS
	 *
	 * [--fields=<fields>]
	 * : Comma-separated fields: kid, alg, status, created_at, age_days, retired_at, expires_at.
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - csv
	 *   - yaml
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp oidc keys list --format=json
	 *
	 * @subcommand list
	 *
	 * @param string[]            $args
	 * @param array<string,mixed> $assoc_args
	 */
	public function list_items( array $args, array $assoc_args ): void {
		Console::rows( $assoc_args, $this->keys(), self::DEFAULT_FIELDS );
	}

	/**
	 * Makes a new current signing key for every algorithm and retires the previous ones.
	 *
	 * Tokens already issued stay valid: the retired keys stay in the JWKS until those tokens expire.
	 *
	 * ## OPTIONS
	 *
	 * [--yes]
	 * : Do not ask for confirmation.
	 *
	 * [--format=<format>]
	 * : table: a message; json or yaml: {kid} of the new RS256 key, as the REST API answers.
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
	 *     $ wp oidc keys rotate --yes
	 *
	 * @param string[]            $args
	 * @param array<string,mixed> $assoc_args
	 */
	public function rotate( array $args, array $assoc_args ): void {
		Console::confirm( 'Rotate the signing keys? New tokens are signed with new keys; tokens already issued stay valid.', $assoc_args );
		try {
			$kid = $this->container->key_store()->rotate();
		} catch ( Keys_Unavailable $failure ) {
			Console::fail( Controller::keys_unavailable( $failure ) );
			return;
		}
		if ( 'table' !== Console::format( $assoc_args ) ) {
			Console::record( $assoc_args, array( 'kid' => $kid ) );
			return;
		}
		WP_CLI::success( sprintf( 'New signing key %s.', $kid ) );
	}

	/**
	 * The keys as people read them: times in ISO 8601 and the age in days.
	 *
	 * @return array<int,array<string,mixed>>
	 */
	public function keys(): array {
		try {
			$keys = $this->container->key_store()->describe();
		} catch ( Keys_Unavailable $failure ) {
			Console::fail( Controller::keys_unavailable( $failure ) );
			return array();
		}
		$now = $this->container->clock()->now();
		return array_map(
			static function ( array $key ) use ( $now ): array {
				return array(
					'kid'        => $key['kid'],
					'alg'        => $key['alg'],
					'status'     => null === $key['retired_at'] ? 'current' : 'retired',
					'created_at' => self::iso( $key['created_at'] ),
					'age_days'   => intdiv( max( 0, $now - $key['created_at'] ), DAY_IN_SECONDS ),
					'retired_at' => self::iso( $key['retired_at'] ),
					'expires_at' => self::iso( $key['expires_at'] ),
				);
			},
			$keys
		);
	}

	private static function iso( ?int $time ): ?string {
		return null === $time ? null : gmdate( 'Y-m-d\TH:i:s\Z', $time );
	}
}
