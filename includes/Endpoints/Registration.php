<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Clients\Client_Input;
use Keystone_OIDC\Clients\Client_Manager;
use Keystone_OIDC\Crypto\Random;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Http\Method_Guard;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Http\Responder;
use Keystone_OIDC\Registration\Client_Metadata;
use Keystone_OIDC\Resource\Bearer_Header;
use Keystone_OIDC\Registration\Dynamic_Registration;
use Keystone_OIDC\Registration\Initial_Access_Tokens;
use Keystone_OIDC\Registration\Registration_Policy;
use Keystone_OIDC\Registration\Registration_Settings;
use Keystone_OIDC\Storage\Client_Repository;
use Keystone_OIDC\Storage\Registration_Repository;
use Keystone_OIDC\Time\Clock;
use WP_Error;

/**
 * RFC 7591 dynamic client registration (POST a JSON document of client metadata) and RFC 7592
 * management of what was registered, at the `registration_client_uri` it answers with (this path
 * plus `?client_id=`): GET reads, PUT replaces, DELETE removes, each with the registration access
 * token as a Bearer token. That token is kept only as its hash, so a read or an update hands out a
 * new one (RFC 7592 §3 lets the server rotate it) and the one used stops working.
 */
final class Registration implements Endpoint {
	/** A client's metadata is a few kilobytes; a JWK Set of the largest size fits. */
	const MAX_BODY_BYTES = 65536;

	/** @var Registration_Policy */
	private $policy;

	/** @var Initial_Access_Tokens */
	private $initial_tokens;

	/** @var Registration_Repository */
	private $registrations;

	/** @var Clock */
	private $clock;

	/** @var string */
	private $rest_access;

	/**
	 * @param string $rest_access What the administrator lets dynamic clients do with the REST API.
	 */
	public function __construct( Registration_Policy $policy, Initial_Access_Tokens $initial_tokens, Registration_Repository $registrations, Clock $clock, string $rest_access ) {
		$this->policy         = $policy;
		$this->initial_tokens = $initial_tokens;
		$this->registrations  = $registrations;
		$this->clock          = $clock;
		$this->rest_access    = $rest_access;
	}

	public function handle( Request $request, string $name ): void {
		$client_id = $request->query()->get( 'client_id' );
		if ( null === $client_id ) {
			if ( Method_Guard::allow( $request, array( 'POST' ) ) ) {
				$this->register( $request );
			}
			return;
		}
		if ( ! Method_Guard::allow( $request, array( 'GET', 'PUT', 'DELETE' ) ) ) {
			return;
		}
		$registration = $this->authorized( $request, $client_id );
		if ( 'DELETE' === $request->method() ) {
			Client_Manager::delete( $client_id );
			Responder::empty_body( 204, array_merge( Responder::NO_STORE, Responder::cors() ) );
			return;
		}
		$secret = null;
		if ( 'PUT' === $request->method() ) {
			$secret = $this->update( $request, $registration );
		}
		$client = Client_Repository::find( $client_id );
		if ( null === $client ) {
			throw self::unknown_client();
		}
		$this->answer( 200, $client, $secret, $this->new_registration_token( $client_id ), $registration->registered_at );
	}

	private function register( Request $request ): void {
		$registered_by = $this->registrant( $request );
		$open          = '' === $registered_by;
		$metadata      = self::metadata( $request );
		$input         = Client_Metadata::to_input( $metadata, $open ? Client::AUTH_NONE : Client::AUTH_SECRET_BASIC, $this->rest_access );
		self::check( $input, $open );

		$created = Client_Manager::create( $input, Client::SOURCE_DYNAMIC );
		if ( $created instanceof WP_Error ) {
			throw OAuth_Error::server_error( $created->get_error_message() );
		}
		$client                      = $created['client'];
		$token                       = Random::token( 32 );
		$registration                = new Dynamic_Registration();
		$registration->client_id     = $client->client_id;
		$registration->token_hash    = Secret_Hash::hash( $token );
		$registration->registered_by = $registered_by;
		$registration->registered_at = $this->clock->now();
		$registration->last_used_at  = $registration->registered_at;
		if ( ! $this->registrations->insert( $registration ) ) {
			Client_Manager::delete( $client->client_id );
			throw OAuth_Error::server_error( 'The registration could not be stored.' );
		}
		$this->answer( 201, $client, $created['client_secret'], $token, $registration->registered_at );
	}

	/**
	 * Who registers: the id of a valid initial access token under the `token` policy, '' for open
	 * registration; refused when registration is off or open registration is full.
	 */
	private function registrant( Request $request ): string {
		$open_count = Registration_Settings::MODE_LOOPBACK === $this->policy->mode() ? $this->registrations->count_open() : 0;
		if ( ! $this->policy->requires_initial_token( $open_count ) ) {
			return '';
		}
		$id = $this->initial_tokens->use( self::bearer( $request, 'This site registers clients only with an initial access token from its administrator.' ) );
		if ( null === $id ) {
			throw OAuth_Error::invalid_token( 'The initial access token is not valid (unknown or revoked).' );
		}
		return $id;
	}

	/**
	 * RFC 7592 §2.4.1: a registration access token that does not fit the client, and a client that
	 * does not exist, get the same 401.
	 */
	private function authorized( Request $request, string $client_id ): Dynamic_Registration {
		$token        = self::bearer( $request, 'The registration access token is required.' );
		$registration = $this->registrations->find( $client_id );
		if ( null === $registration || ! Secret_Hash::verify( $token, $registration->token_hash ) ) {
			throw self::unknown_client();
		}
		return $registration;
	}

	/**
	 * RFC 7592 §2.2: the body replaces the client's metadata and must name the same client; a
	 * client secret it carries must be the current one. The rules are those of the registration.
	 *
	 * @return string|null A new client secret when the client became confidential.
	 */
	private function update( Request $request, Dynamic_Registration $registration ): ?string {
		$metadata = self::metadata( $request );
		if ( ! isset( $metadata['client_id'] ) || ! is_string( $metadata['client_id'] ) || ! hash_equals( $registration->client_id, $metadata['client_id'] ) ) {
			throw OAuth_Error::invalid_request( 'The body must carry the client_id of the client being updated.' );
		}
		$current = Client_Repository::find( $registration->client_id );
		if ( null === $current ) {
			throw self::unknown_client();
		}
		if ( isset( $metadata['client_secret'] ) && ! ( is_string( $metadata['client_secret'] ) && Client_Manager::verify_secret( $current, $metadata['client_secret'] ) ) ) {
			throw Client_Metadata::invalid_metadata( 'client_secret is not the current secret of this client.' );
		}
		$open  = '' === $registration->registered_by;
		$input = Client_Metadata::to_input( $metadata, $current->token_endpoint_auth_method, $this->rest_access );
		self::check( $input, $open );
		$updated = Client_Manager::update( $registration->client_id, $input, false );
		if ( $updated instanceof WP_Error ) {
			throw Client_Metadata::error_from( $updated );
		}
		return $updated['client_secret'];
	}

	/**
	 * Every `Client_Input` rule, then the open registration's own.
	 *
	 * @param array<string,mixed> $input
	 */
	private static function check( array $input, bool $open ): void {
		$draft = Client_Input::apply( $input, new Client(), false );
		if ( $draft instanceof WP_Error ) {
			throw Client_Metadata::error_from( $draft );
		}
		if ( $open ) {
			Registration_Policy::check_open( $draft );
		}
	}

	/**
	 * The JSON object of client metadata (RFC 7591 §3.1).
	 *
	 * @return array<string,mixed>
	 */
	private static function metadata( Request $request ): array {
		$type = strtolower( trim( explode( ';', (string) $request->header( 'content-type' ) )[0] ) );
		if ( 'application/json' !== $type ) {
			throw Client_Metadata::invalid_metadata( 'Send the client metadata as application/json.' );
		}
		$body = $request->body();
		if ( strlen( $body ) > self::MAX_BODY_BYTES ) {
			throw Client_Metadata::invalid_metadata( sprintf( 'The client metadata is larger than %d bytes.', self::MAX_BODY_BYTES ) );
		}
		$metadata = json_decode( $body, true );
		if ( ! is_array( $metadata ) || ( array() !== $metadata && array_values( $metadata ) === $metadata ) ) {
			throw Client_Metadata::invalid_metadata( 'The body must be a JSON object of client metadata.' );
		}
		return $metadata;
	}

	private static function bearer( Request $request, string $missing ): string {
		$authorization = (string) $request->header( 'authorization' );
		if ( '' === $authorization ) {
			throw OAuth_Error::invalid_token( $missing, false );
		}
		$token = Bearer_Header::token( $authorization );
		if ( null === $token ) {
			throw OAuth_Error::invalid_token( 'The Authorization header is not a Bearer token.' );
		}
		return $token;
	}

	private function new_registration_token( string $client_id ): string {
		$token = Random::token( 32 );
		if ( ! $this->registrations->replace_token( $client_id, Secret_Hash::hash( $token ) ) ) {
			throw OAuth_Error::server_error( 'The registration access token could not be stored.' );
		}
		return $token;
	}

	/**
	 * RFC 7591 §3.2.1 and RFC 7592 §3: the metadata as registered, the credentials, and where and
	 * how to manage the registration.
	 */
	private function answer( int $status, Client $client, ?string $secret, string $registration_token, int $issued_at ): void {
		$body = array(
			'client_id'           => $client->client_id,
			'client_id_issued_at' => $issued_at,
		);
		if ( null !== $secret ) {
			$body['client_secret'] = $secret;
		}
		if ( ! $client->is_public() ) {
			// The secret does not expire.
			$body['client_secret_expires_at'] = 0;
		}
		$body['registration_access_token'] = $registration_token;
		$body['registration_client_uri']   = self::client_uri( $client->client_id );
		Responder::json( $status, array_merge( $body, Client_Metadata::from_client( $client ) ), array_merge( Responder::NO_STORE, Responder::cors() ) );
	}

	public static function client_uri( string $client_id ): string {
		return add_query_arg( 'client_id', rawurlencode( $client_id ), Router::url( 'registration' ) );
	}

	private static function unknown_client(): OAuth_Error {
		return OAuth_Error::invalid_token( 'The registration access token is not valid for this client.' );
	}
}
