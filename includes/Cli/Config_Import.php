<?php
declare(strict_types=1);

namespace Keystone_OIDC\Cli;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Clients\Client_Input;
use Keystone_OIDC\Clients\Client_Manager;
use Keystone_OIDC\Storage\Client_Repository;
use Keystone_OIDC\Tokens\Claim_Map;
use WP_Error;

/**
 * A configuration document (`wp oidc config export`'s output) read back: parsed, checked as a
 * whole, compared with the site, then applied. Nothing is written unless every part is valid, and
 * each rule is the one the REST API applies (`Client_Input`, `Client_Manager`, `Claim_Map`).
 *
 * A secret never travels in plaintext: a `client_secret` field is refused. A client may carry its
 * `secret_hash` (SHA-256 hex, as stored); without one a new confidential client gets a new secret,
 * shown once, and an existing client keeps its own. Clients on the site that the document does
 * not name are left as they are.
 */
final class Config_Import {
	const VERSION = 1;

	/** Fields of a `Client` the server sets; an export made from `client list` may carry them. */
	const READ_ONLY_FIELDS = array( 'created_at', 'updated_at', 'source' );

	const CREATE    = 'create';
	const UPDATE    = 'update';
	const UNCHANGED = 'unchanged';

	/**
	 * The document as data: JSON when it starts with `{`, YAML otherwise.
	 *
	 * @return array<string,mixed>|WP_Error
	 */
	public static function parse( string $text ) {
		$text = ltrim( $text, "\xEF\xBB\xBF \t\r\n" );
		if ( '' === $text ) {
			return self::invalid( 'The configuration is empty.' );
		}
		if ( '{' === $text[0] || '[' === $text[0] ) {
			$data = json_decode( $text, true );
			if ( JSON_ERROR_NONE !== json_last_error() ) {
				return self::invalid( 'The configuration is not valid JSON: ' . json_last_error_msg() . '.' );
			}
		} else {
			$data = \Spyc::YAMLLoadString( $text );
		}
		if ( ! is_array( $data ) || ( array() !== $data && array_values( $data ) === $data ) ) {
			return self::invalid( 'The configuration must be an object with "clients" and/or "claim_mappings".' );
		}
		return $data;
	}

	/**
	 * What importing the document would change, or the first problem found.
	 *
	 * @param array<string,mixed> $document
	 * @return array{clients: array<int,array<string,mixed>>, claim_mappings: ?array<int,array<string,string>>, claim_mappings_action: string}|WP_Error
	 */
	public static function plan( array $document ) {
		$unknown = array_diff( array_map( 'strval', array_keys( $document ) ), array( 'version', 'clients', 'claim_mappings' ) );
		if ( array() !== $unknown ) {
			return self::invalid( sprintf( 'Unknown field "%s": a configuration has version, clients and claim_mappings.', implode( '", "', $unknown ) ) );
		}
		if ( isset( $document['version'] ) && self::VERSION !== (int) $document['version'] ) {
			return self::invalid( sprintf( 'Version %s is not supported; this site reads version %d.', (string) wp_json_encode( $document['version'] ), self::VERSION ) );
		}
		$clients = array();
		$entries = $document['clients'] ?? array();
		if ( ! is_array( $entries ) || array_values( $entries ) !== $entries ) {
			return self::invalid( '"clients" must be a list.' );
		}
		$seen = array();
		foreach ( $entries as $index => $entry ) {
			$planned = self::plan_client( $index, $entry );
			if ( $planned instanceof WP_Error ) {
				return $planned;
			}
			if ( isset( $seen[ $planned['client_id'] ] ) ) {
				return self::invalid( sprintf( 'clients[%d]: the client_id %s appears twice.', $index, $planned['client_id'] ) );
			}
			$seen[ $planned['client_id'] ] = true;
			$clients[]                     = $planned;
		}

		$mappings = null;
		$action   = self::UNCHANGED;
		if ( array_key_exists( 'claim_mappings', $document ) ) {
			$mappings = Claim_Map::validate( $document['claim_mappings'] );
			if ( $mappings instanceof WP_Error ) {
				return $mappings;
			}
			$action = Claim_Map::all() === $mappings ? self::UNCHANGED : self::UPDATE;
		}
		return array(
			'clients'               => $clients,
			'claim_mappings'        => $mappings,
			'claim_mappings_action' => $action,
		);
	}

	/**
	 * Applies a plan. Secrets made for new clients are in the answer, once.
	 *
	 * @param array{clients: array<int,array<string,mixed>>, claim_mappings: ?array<int,array<string,string>>, claim_mappings_action: string} $plan
	 * @return array<int,array<string,mixed>>|WP_Error The plan's clients, with `client_secret` for each new secret.
	 */
	public static function apply( array $plan ) {
		$done = array();
		foreach ( $plan['clients'] as $planned ) {
			if ( self::UNCHANGED !== $planned['action'] ) {
				$result = Client_Manager::import( $planned['client_id'], $planned['input'], $planned['secret_hash'] );
				if ( $result instanceof WP_Error ) {
					return $result;
				}
				$planned['client_secret'] = $result['client_secret'];
			}
			$done[] = $planned;
		}
		if ( self::UPDATE === $plan['claim_mappings_action'] ) {
			$saved = Claim_Map::save( $plan['claim_mappings'] );
			if ( $saved instanceof WP_Error ) {
				return $saved;
			}
		}
		return $done;
	}

	/**
	 * @param int   $index
	 * @param mixed $entry
	 * @return array<string,mixed>|WP_Error {client_id, name, action, secret, input, secret_hash}
	 */
	private static function plan_client( int $index, $entry ) {
		$where = sprintf( 'clients[%d]', $index );
		if ( ! is_array( $entry ) ) {
			return self::invalid( $where . ': each client must be an object.' );
		}
		if ( array_key_exists( 'client_secret', $entry ) ) {
			return new WP_Error(
				'keystone_oidc_plaintext_secret',
				$where . ': a plaintext client_secret is never imported. Give its secret_hash (SHA-256 hex) instead, or leave it out to have a new secret made.',
				array( 'status' => 400 )
			);
		}
		$client_id   = $entry['client_id'] ?? null;
		$secret_hash = $entry['secret_hash'] ?? null;
		$problem     = Client_Manager::import_problem( $client_id, $secret_hash );
		if ( null !== $problem ) {
			return self::at( $where, $problem );
		}
		$where  .= ' (' . $client_id . ')';
		$known   = array_merge( array( 'client_id', 'secret_hash' ), Client_Input::fields(), self::READ_ONLY_FIELDS );
		$unknown = array_diff( array_map( 'strval', array_keys( $entry ) ), $known );
		if ( array() !== $unknown ) {
			return self::invalid( sprintf( '%s: unknown field "%s".', $where, implode( '", "', $unknown ) ) );
		}
		$input = array_intersect_key( $entry, array_flip( Client_Input::fields() ) );

		$current = Client_Repository::find( $client_id );
		$base    = $current ?? new Client();
		$client  = Client_Input::apply( $input, $base, false );
		if ( $client instanceof WP_Error ) {
			return self::at( $where, $client );
		}
		$action = self::CREATE;
		if ( null !== $current ) {
			$same   = self::comparable( $client ) === self::comparable( $current )
				&& ( null === $secret_hash || $secret_hash === $current->secret_hash );
			$action = $same ? self::UNCHANGED : self::UPDATE;
		}
		return array(
			'client_id'   => $client_id,
			'name'        => $client->name,
			'action'      => $action,
			'secret'      => self::secret_outcome( $client, $current, $secret_hash ),
			'input'       => $input,
			'secret_hash' => $secret_hash,
		);
	}

	/**
	 * What happens to the client's secret: "none" (public), "from hash", "new" (made and shown
	 * once), "kept".
	 */
	private static function secret_outcome( Client $client, ?Client $current, ?string $secret_hash ): string {
		if ( $client->is_public() ) {
			return 'none';
		}
		if ( null !== $secret_hash ) {
			return 'from hash';
		}
		return null === $current || $current->is_public() ? 'new' : 'kept';
	}

	/**
	 * @return array<string,mixed>
	 */
	private static function comparable( Client $client ): array {
		return array_diff_key( $client->to_array(), array_flip( array( 'client_id', 'created_at', 'updated_at', 'source' ) ) );
	}

	/**
	 * The same error, its message saying which entry of the document it is about.
	 */
	private static function at( string $where, WP_Error $error ): WP_Error {
		return new WP_Error( $error->get_error_code(), $where . ': ' . $error->get_error_message(), $error->get_error_data() );
	}

	private static function invalid( string $message ): WP_Error {
		return new WP_Error( 'keystone_oidc_invalid_config', $message, array( 'status' => 400 ) );
	}
}
