<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Authorization\Checks\Requested_Scope;
use Keystone_OIDC\Checks\Resource_Indicator;
use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Crypto\Random;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Device\User_Code;
use Keystone_OIDC\Http\Method_Guard;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Http\Responder;
use Keystone_OIDC\Models\Device_Authorization as Device_Request;
use Keystone_OIDC\Storage\Device_Code_Store;
use Keystone_OIDC\Time\Clock;

/**
 * RFC 8628 §3.1–3.2: a device (a CLI, a TV) that cannot open a browser asks for a device code to
 * poll the token endpoint with and a user code for its user to type on the verification page. The
 * client authenticates as at the token endpoint (public clients by `client_id` alone), must be
 * registered for the device grant, and its scopes and resources are checked as the authorization
 * endpoint checks them.
 */
final class Device_Authorization implements Endpoint {
	/** Parameters that must appear at most once; `resource` may repeat (RFC 8707 §2). */
	const SINGLE = array( 'client_id', 'client_secret', 'scope' );

	/** Seconds a device code and its user code live: long enough to find a phone and sign in. */
	const EXPIRES_IN = 600;

	/** RFC 8628 §3.2's default polling interval. */
	const INTERVAL = 5;

	/** Draws of a user code before giving up (a clash with a live code is already unlikely once). */
	const USER_CODE_ATTEMPTS = 5;

	/** @var Client_Authentication */
	private $authentication;

	/** @var Device_Code_Store */
	private $devices;

	/** @var Clock */
	private $clock;

	/** @var string[] */
	private $supported_scopes;

	/** @var string */
	private $verification_uri;

	/**
	 * @param string[] $supported_scopes `Config::supported_scopes()`.
	 * @param string   $verification_uri The verification page's URL.
	 */
	public function __construct( Client_Authentication $authentication, Device_Code_Store $devices, Clock $clock, array $supported_scopes, string $verification_uri ) {
		$this->authentication   = $authentication;
		$this->devices          = $devices;
		$this->clock            = $clock;
		$this->supported_scopes = $supported_scopes;
		$this->verification_uri = $verification_uri;
	}

	public function handle( Request $request, string $name ): void {
		if ( ! Method_Guard::allow( $request, array( 'POST' ) ) ) {
			return;
		}
		if ( ! $request->is_form() ) {
			throw OAuth_Error::invalid_request( 'The request body must be application/x-www-form-urlencoded' );
		}
		$params = $request->form();
		$params->assert_single( self::SINGLE );
		$client = $this->authentication->authenticate( $request, $params );
		if ( ! $client->allows_grant( Client::GRANT_DEVICE_CODE ) ) {
			throw OAuth_Error::unauthorized_client( 'This client may not use the device authorization grant' );
		}
		$scopes    = Requested_Scope::granted( $params->get( 'scope' ), $client, $this->supported_scopes );
		$resources = $params->all( 'resource' );
		Resource_Indicator::assert_permitted( $resources, $client->audiences );

		$device_code = Random::token( 32 );
		$user_code   = $this->store( $client, $device_code, $scopes, $resources );
		Responder::json(
			200,
			array(
				'device_code'               => $device_code,
				'user_code'                 => User_Code::display( $user_code ),
				'verification_uri'          => $this->verification_uri,
				'verification_uri_complete' => add_query_arg( 'user_code', rawurlencode( User_Code::display( $user_code ) ), $this->verification_uri ),
				'expires_in'                => self::EXPIRES_IN,
				'interval'                  => self::interval(),
			),
			array_merge( Responder::NO_STORE, Responder::cors() )
		);
	}

	/**
	 * Stores the request under a fresh user code and returns that code (normalised).
	 *
	 * @param string[] $scopes
	 * @param string[] $resources
	 */
	private function store( Client $client, string $device_code, array $scopes, array $resources ): string {
		$now     = $this->clock->now();
		$request = Device_Request::from_row(
			array(
				'device_code_hash' => Secret_Hash::hash( $device_code ),
				'client_id'        => $client->client_id,
				'scope'            => Scope::to_string( $scopes ),
				'resources'        => $resources,
				'grant_id'         => Random::hex( 16 ),
				'poll_interval'    => self::interval(),
				'expires_at'       => $now + self::EXPIRES_IN,
				'created_at'       => $now,
			)
		);
		for ( $attempt = 0; $attempt < self::USER_CODE_ATTEMPTS; $attempt++ ) {
			$user_code               = User_Code::generate();
			$request->user_code_hash = User_Code::hash( $user_code );
			if ( $this->devices->insert( $request ) ) {
				return $user_code;
			}
		}
		throw OAuth_Error::temporarily_unavailable( 'No free user code was found' );
	}

	/**
	 * Seconds between polls. Filter `keystone_oidc_device_interval` exists for test sites, which
	 * poll faster than a real device should; never below one second.
	 */
	private static function interval(): int {
		return max( 1, (int) apply_filters( 'keystone_oidc_device_interval', self::INTERVAL ) );
	}
}
