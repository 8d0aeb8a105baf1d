<?php
declare(strict_types=1);

namespace Keystone_OIDC\Cli;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Clients\Client_Input;
use Keystone_OIDC\Storage\Client_Repository;
use Keystone_OIDC\Tokens\Claim_Map;
use WP_CLI;
use WP_Error;

/**
 * Exports and imports the clients and claim mappings as JSON or YAML.
 *
 * Use it to carry a set-up from staging to production or keep it in version control. Secrets are
 * never exported, and a plaintext secret is never imported.
 *
 * ## EXAMPLES
 *
 *     $ wp oidc config export --format=yaml > oidc.yml
 *     $ wp oidc config import oidc.yml --dry-run
 *     $ wp oidc config import oidc.yml
 */
final class Config_Command {
	/**
	 * Prints the clients and claim mappings.
	 *
	 * Each client has its client_id and its `ClientInput` fields; never its secret or the
	 * secret's hash.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: json
	 * options:
	 *   - json
	 *   - yaml
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp oidc config export > oidc.json
	 *     $ wp oidc config export --format=yaml > oidc.yml
	 *
	 * @param string[]            $args
	 * @param array<string,mixed> $assoc_args
	 */
	public function export( array $args, array $assoc_args ): void {
		$fields   = array_flip( array_merge( array( 'client_id' ), Client_Input::fields() ) );
		$document = array(
			'version'        => Config_Import::VERSION,
			'clients'        => array_map(
				static function ( Client $client ) use ( $fields ): array {
					return array_intersect_key( $client->to_array(), $fields );
				},
				// Oldest first: an import then creates them in the order they were made. Clients
				// declared in code are carried by their own configuration, not by this one.
				array_reverse( Client_Repository::stored() )
			),
			'claim_mappings' => Claim_Map::all(),
		);
		if ( 'yaml' === Console::format( $assoc_args ) ) {
			WP_CLI::line( Console::yaml( $document ) );
			return;
		}
		WP_CLI::line( (string) wp_json_encode( $document, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
	}

	/**
	 * Creates or updates the clients a configuration names and replaces its claim mappings.
	 *
	 * Clients are matched by client_id; the claim mappings are replaced when the file has them. Everything is checked first: on any problem nothing changes.
	 * Clients it does not name are left as they are.
	 *
	 * A client may carry `secret_hash` (the SHA-256 hex of its secret, as this site stores it);
	 * otherwise a new confidential client gets a new secret, printed once, and an existing one
	 * keeps its secret. A `client_secret` field is refused.
	 *
	 * ## OPTIONS
	 *
	 * <file>
	 * : The JSON or YAML file, or - for standard input. JSON when it starts with {, YAML otherwise.
	 *
	 * [--dry-run]
	 * : Show what would change, and change nothing.
	 *
	 * [--format=<format>]
	 * : How the changes are reported.
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
	 *     $ wp oidc config import oidc.yml --dry-run
	 *     $ wp oidc config export --url=staging.example.com | wp oidc config import - --url=example.com
	 *
	 * @param string[]            $args
	 * @param array<string,mixed> $assoc_args
	 */
	public function import( array $args, array $assoc_args ): void {
		$text = self::read( $args[0] );
		$plan = Config_Import::parse( $text );
		if ( ! $plan instanceof WP_Error ) {
			$plan = Config_Import::plan( $plan );
		}
		if ( $plan instanceof WP_Error ) {
			Console::fail( $plan );
			return;
		}
		$dry_run = true === \WP_CLI\Utils\get_flag_value( $assoc_args, 'dry-run', false );
		$clients = $plan['clients'];
		if ( ! $dry_run ) {
			$clients = Config_Import::apply( $plan );
			if ( $clients instanceof WP_Error ) {
				Console::fail( $clients );
				return;
			}
		}
		self::report( $assoc_args, $dry_run, $clients, $plan['claim_mappings_action'] );
	}

	/**
	 * @param array<string,mixed>            $assoc_args
	 * @param array<int,array<string,mixed>> $clients
	 */
	private static function report( array $assoc_args, bool $dry_run, array $clients, string $mappings_action ): void {
		$rows = array_map(
			static function ( array $client ): array {
				return array(
					'client_id'     => $client['client_id'],
					'name'          => $client['name'],
					'action'        => $client['action'],
					'secret'        => $client['secret'],
					'client_secret' => $client['client_secret'] ?? null,
				);
			},
			$clients
		);
		if ( 'table' !== Console::format( $assoc_args ) ) {
			Console::record(
				$assoc_args,
				array(
					'dry_run'        => $dry_run,
					'clients'        => $rows,
					'claim_mappings' => $mappings_action,
				)
			);
			return;
		}
		if ( array() !== $rows ) {
			Console::rows( $assoc_args, $rows, array( 'client_id', 'name', 'action', 'secret' ) );
		}
		WP_CLI::line( 'Claim mappings: ' . $mappings_action );
		foreach ( $rows as $row ) {
			if ( null !== $row['client_secret'] ) {
				WP_CLI::line( sprintf( 'client_secret of %s (shown only now): %s', $row['client_id'], $row['client_secret'] ) );
			}
		}
		if ( $dry_run ) {
			WP_CLI::success( 'Dry run: nothing was changed.' );
			return;
		}
		WP_CLI::success( 'Imported.' );
	}

	private static function read( string $file ): string {
		if ( '-' === $file ) {
			$text = stream_get_contents( STDIN );
		} else {
			$text = is_file( $file ) && is_readable( $file ) ? file_get_contents( $file ) : false;
		}
		if ( false === $text ) {
			Console::fail_with( 'keystone_oidc_invalid_config', sprintf( 'Cannot read %s.', $file ) );
			return '';
		}
		return $text;
	}
}
