<?php
declare(strict_types=1);

namespace Keystone_OIDC\Grants;

use Keystone_OIDC\Checks\Resource_Indicator;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Models\Device_Authorization;
use Keystone_OIDC\Storage\Device_Code_Store;
use Keystone_OIDC\Time\Clock;
use Keystone_OIDC\Tokens\Grant;
use Keystone_OIDC\Tokens\Grant_Issuer;
use Keystone_OIDC\Users\Allowed_Users;

/**
 * RFC 8628 §3.4–3.5: the device polls with its device code until the user has decided. Each poll
 * is recorded (the token endpoint's transaction commits it with the error), so a device polling
 * sooner than its interval gets `slow_down` and an interval five seconds longer from then on. An
 * approved code is redeemed once, by a conditional UPDATE; the tokens are those of the code flow.
 */
final class Device_Code implements Grant_Type {
	/** @var Device_Code_Store */
	private $devices;

	/** @var Allowed_Users */
	private $users;

	/** @var Grant_Issuer */
	private $issuer;

	/** @var Clock */
	private $clock;

	public function __construct( Device_Code_Store $devices, Allowed_Users $users, Grant_Issuer $issuer, Clock $clock ) {
		$this->devices = $devices;
		$this->users   = $users;
		$this->issuer  = $issuer;
		$this->clock   = $clock;
	}

	public function execute( Client $client, Parameters $params ): array {
		$params->assert_single( array( 'device_code' ) );
		$hash    = Secret_Hash::hash( Required::get( $params, 'device_code' ) );
		$now     = $this->clock->now();
		$request = $this->devices->find( $hash );
		if ( null === $request || ! $request->belongs_to( $client ) ) {
			// One answer for both, so a device code of another client cannot be probed.
			throw OAuth_Error::invalid_grant( 'The device code is invalid' );
		}
		if ( $request->is_expired( $now ) ) {
			throw new OAuth_Error( 'expired_token', 'The device code has expired; start again' );
		}
		$this->poll( $request, $now );
		$resources = Resource_Indicator::for_tokens( $params->all( 'resource' ), $request->resources, $client->audiences );
		switch ( $request->status ) {
			case Device_Authorization::PENDING:
				throw new OAuth_Error( 'authorization_pending', 'The user has not yet decided' );
			case Device_Authorization::DENIED:
				// A token endpoint error (RFC 8628 §3.5 on RFC 6749 §5.2): 400, not the 403 of the front channel.
				throw new OAuth_Error( 'access_denied', 'The user denied the request' );
			case Device_Authorization::APPROVED:
				return $this->redeem( $client, $request, $resources );
			default:
				throw OAuth_Error::invalid_grant( 'The device code has already been used' );
		}
	}

	/**
	 * Records this poll; one sooner than the interval after the last is `slow_down`, and the
	 * interval grows for every later poll (RFC 8628 §3.5).
	 */
	private function poll( Device_Authorization $request, int $now ): void {
		$too_soon = $request->is_polled_too_soon( $now );
		$interval = $request->poll_interval + ( $too_soon ? Device_Authorization::SLOW_DOWN_STEP : 0 );
		$this->devices->record_poll( $request->device_code_hash, $now, $interval );
		if ( $too_soon ) {
			throw new OAuth_Error( 'slow_down', sprintf( 'Poll at most every %d seconds', $interval ) );
		}
	}

	/**
	 * @param string[] $resources RFC 8707 resources of these tokens (within those the device asked for).
	 * @return array<string,mixed>
	 */
	private function redeem( Client $client, Device_Authorization $request, array $resources ): array {
		$user = $this->users->of_grant( (int) $request->user_id, $client );
		if ( ! $this->devices->redeem( $request->device_code_hash ) ) {
			throw OAuth_Error::invalid_grant( 'The device code has already been used' );
		}
		$scopes           = $client->current_scopes( $request->scopes() );
		$grant            = new Grant( $client, $user, $scopes, $scopes, $request->grant_id, (int) $request->auth_time, null );
		$grant->resources = $resources;
		// A refresh keeps to the resources the device asked for, as one from a code does.
		$grant->refresh_resources = $request->resources;
		return $this->issuer->issue( $grant );
	}
}
