<?php
declare(strict_types=1);

namespace Keystone_OIDC\Clients;

use Keystone_OIDC\Crypto\Secret_Hash;
use WP_Error;

/**
 * Clients declared in code (`KEYSTONE_OIDC_CLIENTS` in wp-config.php and the
 * `keystone_oidc_clients` filter), for deployments that keep their configuration in files. Each
 * definition is a `ClientInput` plus `client_id` and, for a confidential client, its secret as a
 * `Crypto\Secret_Hash` value (`client_secret_hash`) or the name of an environment variable holding
 * it (`client_secret_env`). They are checked by the same `Client_Input` rules as the REST API; a
 * definition that fails is left out (never usable, never fatal) and listed in `problems()`, which
 * the admin notice and the Site Health test show.
 *
 * They live in memory: read and checked once per request, when a client is first looked up, so
 * finding one costs no query. A code client shadows a stored client with the same `client_id`
 * (the configuration file is what the operator deploys); `Admin\Code_Clients_Report` names such
 * conflicts.
 */
final class Code_Clients {
	const CONSTANT = 'KEYSTONE_OIDC_CLIENTS';

	const FILTER = 'keystone_oidc_clients';

	/** The fields a definition may carry besides the `ClientInput` ones. */
	const OWN_FIELDS = array( 'client_id', 'client_secret_hash', 'client_secret_env' );

	/**
	 * An environment secret is compared through a fast hash, as generated secrets are: it must be
	 * long enough not to be guessed online (`openssl rand -hex 32` gives 64 characters).
	 */
	const ENV_SECRET_MIN_LENGTH = 32;

	/** Code clients have no creation time of their own. */
	const CREATED_AT = '1970-01-01T00:00:00Z';

	/** @var callable():mixed */
	private $definitions;

	/** @var callable(string):(string|false) */
	private $environment;

	/** @var array<string,Client>|null By client_id, in the order declared. */
	private $clients = null;

	/** @var string[] */
	private $problems = array();

	/**
	 * @param callable():mixed                $definitions The raw definitions: a list, or its JSON.
	 * @param callable(string):(string|false) $environment Reads an environment variable (`getenv`).
	 */
	public function __construct( callable $definitions, callable $environment ) {
		$this->definitions = $definitions;
		$this->environment = $environment;
	}

	public function find( string $client_id ): ?Client {
		$clients = $this->load();
		return isset( $clients[ $client_id ] ) ? clone $clients[ $client_id ] : null;
	}

	public function defines( string $client_id ): bool {
		return isset( $this->load()[ $client_id ] );
	}

	/**
	 * @return Client[]
	 */
	public function all(): array {
		return array_map(
			static function ( Client $client ): Client {
				return clone $client;
			},
			array_values( $this->load() )
		);
	}

	/**
	 * Why definitions were left out, one sentence each.
	 *
	 * @return string[]
	 */
	public function problems(): array {
		$this->load();
		return $this->problems;
	}

	/**
	 * @return array<string,Client>
	 */
	private function load(): array {
		if ( null !== $this->clients ) {
			return $this->clients;
		}
		$this->clients = array();
		$raw           = ( $this->definitions )();
		if ( is_string( $raw ) ) {
			$raw = json_decode( $raw, true );
			if ( ! is_array( $raw ) ) {
				/* translators: %s: name of the wp-config.php constant */
				$this->problems[] = sprintf( __( '%s is not valid JSON: no client was read from it.', 'keystone-oidc' ), self::CONSTANT );
				return $this->clients;
			}
		}
		if ( null === $raw ) {
			return $this->clients;
		}
		if ( ! is_array( $raw ) ) {
			/* translators: 1: name of the wp-config.php constant, 2: name of the filter */
			$this->problems[] = sprintf( __( '%1$s and the %2$s filter must give a list of client definitions.', 'keystone-oidc' ), self::CONSTANT, self::FILTER );
			return $this->clients;
		}
		$position = 0;
		foreach ( $raw as $definition ) {
			++$position;
			$client = $this->client( $definition );
			if ( $client instanceof WP_Error ) {
				$this->problems[] = self::describe( $position, $definition, $client->get_error_message() );
				continue;
			}
			if ( isset( $this->clients[ $client->client_id ] ) ) {
				$this->problems[] = self::describe( $position, $definition, __( 'another definition already declares this client_id.', 'keystone-oidc' ) );
				continue;
			}
			$this->clients[ $client->client_id ] = $client;
		}
		return $this->clients;
	}

	/**
	 * @param mixed $definition
	 * @return Client|WP_Error
	 */
	private function client( $definition ) {
		if ( ! is_array( $definition ) ) {
			return self::invalid( __( 'a definition must be an array (or a JSON object).', 'keystone-oidc' ) );
		}
		$client_id = $definition['client_id'] ?? null;
		$problem   = Client_Manager::import_problem( $client_id, null );
		if ( null !== $problem ) {
			return $problem;
		}
		$unknown = array_diff( array_keys( $definition ), self::OWN_FIELDS, Client_Input::fields() );
		if ( array() !== $unknown ) {
			/* translators: %s: comma-separated list of field names */
			return self::invalid( sprintf( __( 'unknown fields: %s.', 'keystone-oidc' ), implode( ', ', array_map( 'strval', $unknown ) ) ) );
		}
		$base             = new Client();
		$base->client_id  = (string) $client_id;
		$base->source     = Client::SOURCE_CODE;
		$base->created_at = self::CREATED_AT;
		$base->updated_at = self::CREATED_AT;
		$client           = Client_Input::apply( array_intersect_key( $definition, array_flip( Client_Input::fields() ) ), $base, false );
		if ( $client instanceof WP_Error ) {
			return $client;
		}
		$secret = $this->secret( $client, $definition );
		return $secret instanceof WP_Error ? $secret : $client;
	}

	/**
	 * Sets the client's secret hash from the definition.
	 *
	 * @param array<mixed> $definition
	 * @return true|WP_Error
	 */
	private function secret( Client $client, array $definition ) {
		$hash = $definition['client_secret_hash'] ?? null;
		$env  = $definition['client_secret_env'] ?? null;
		if ( $client->is_public() ) {
			return null === $hash && null === $env ? true : self::invalid( __( 'a public client has no secret: remove client_secret_hash and client_secret_env.', 'keystone-oidc' ) );
		}
		if ( null !== $hash && null !== $env ) {
			return self::invalid( __( 'give the secret either as client_secret_hash or as client_secret_env, not both.', 'keystone-oidc' ) );
		}
		if ( null !== $hash ) {
			return self::hashed_secret( $client, $hash );
		}
		if ( null !== $env ) {
			return $this->environment_secret( $client, $env );
		}
		// A private_key_jwt client proves itself with its own key; it needs no secret.
		if ( Client::AUTH_PRIVATE_KEY === $client->token_endpoint_auth_method ) {
			return true;
		}
		return self::invalid( __( 'a confidential client needs client_secret_hash or client_secret_env.', 'keystone-oidc' ) );
	}

	/**
	 * The current storage form (SHA-256, 64 hex digits), or a password hash as Keystone OIDC 2.x
	 * stored (`Crypto\Legacy_Secret_Hash` checks those).
	 *
	 * @param mixed $hash
	 * @return true|WP_Error
	 */
	private static function hashed_secret( Client $client, $hash ) {
		if ( is_string( $hash ) && 1 === preg_match( '/^[0-9a-f]{64}$/', $hash ) ) {
			$client->secret_hash = $hash;
			return true;
		}
		if ( is_string( $hash ) && self::is_legacy_hash( $hash ) ) {
			$client->legacy_secret_hash = $hash;
			return true;
		}
		return self::invalid( __( 'client_secret_hash must be the 64 lowercase hex digits of the secret\'s SHA-256 hash (or a Keystone OIDC 2.x password hash).', 'keystone-oidc' ) );
	}

	private static function is_legacy_hash( string $hash ): bool {
		if ( 0 === strpos( $hash, '$wp$' ) || 0 === strpos( $hash, '$P$' ) ) {
			return strlen( $hash ) >= 20;
		}
		$info = password_get_info( $hash );
		return ! empty( $info['algo'] );
	}

	/**
	 * @param mixed $name
	 * @return true|WP_Error
	 */
	private function environment_secret( Client $client, $name ) {
		if ( ! is_string( $name ) || 1 !== preg_match( '/^[A-Za-z_][A-Za-z0-9_]{0,127}$/', $name ) ) {
			return self::invalid( __( 'client_secret_env must be the name of an environment variable (letters, digits, underscores).', 'keystone-oidc' ) );
		}
		$secret = ( $this->environment )( $name );
		if ( ! is_string( $secret ) || '' === $secret ) {
			/* translators: %s: name of the environment variable */
			return self::invalid( sprintf( __( 'the environment variable %s is not set.', 'keystone-oidc' ), $name ) );
		}
		if ( strlen( $secret ) < self::ENV_SECRET_MIN_LENGTH ) {
			/* translators: 1: name of the environment variable, 2: minimum length */
			return self::invalid( sprintf( __( 'the secret in %1$s is shorter than %2$d characters.', 'keystone-oidc' ), $name, self::ENV_SECRET_MIN_LENGTH ) );
		}
		$client->secret_hash = Secret_Hash::hash( $secret );
		return true;
	}

	/**
	 * @param mixed $definition
	 */
	private static function describe( int $position, $definition, string $reason ): string {
		$client_id = is_array( $definition ) && isset( $definition['client_id'] ) && is_string( $definition['client_id'] ) ? $definition['client_id'] : '';
		if ( '' === $client_id ) {
			/* translators: 1: position of the definition in the list, 2: why it was left out */
			return sprintf( __( 'Client definition %1$d was left out: %2$s', 'keystone-oidc' ), $position, $reason );
		}
		/* translators: 1: position of the definition in the list, 2: the client_id, 3: why it was left out */
		return sprintf( __( 'Client definition %1$d (%2$s) was left out: %3$s', 'keystone-oidc' ), $position, $client_id, $reason );
	}

	private static function invalid( string $message ): WP_Error {
		return new WP_Error( 'keystone_oidc_invalid_client_definition', $message );
	}
}
