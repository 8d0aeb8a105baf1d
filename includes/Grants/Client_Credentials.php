<?php
declare(strict_types=1);

namespace Keystone_OIDC\Grants;

use Keystone_OIDC\Checks\Machine_Scope;
use Keystone_OIDC\Checks\Resource_Indicator;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Crypto\Random;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Tokens\Client_Grant;
use Keystone_OIDC\Tokens\Grant_Issuer;

/**
 * RFC 6749 §4.4: a confidential client asks for an access token for itself, with no user involved
 * (a backend service, a cron job, a CLI with its own credentials). The token endpoint has already
 * authenticated it and checked that `client_credentials` is among its `grant_types`.
 *
 * The token's `sub` is the client_id (RFC 9068 §2.2); it carries only machine scopes
 * (`Checks\Machine_Scope`, narrowed further by the `keystone_oidc_machine_scopes` filter) and, per
 * RFC 8707, the client's registered audiences it names with `resource`.
 */
final class Client_Credentials implements Grant_Type {
	/** @var Grant_Issuer */
	private $issuer;

	/** @var callable(string[], Client): mixed */
	private $machine_scopes;

	/**
	 * @param callable(string[], Client): mixed $machine_scopes The site's say on the client's
	 *        machine scopes (in WordPress, the `keystone_oidc_machine_scopes` filter); it may
	 *        narrow them, never widen them beyond the client's own.
	 */
	public function __construct( Grant_Issuer $issuer, callable $machine_scopes ) {
		$this->issuer         = $issuer;
		$this->machine_scopes = $machine_scopes;
	}

	public function execute( Client $client, Parameters $params ): array {
		// Client_Input never lets a public client list this grant; a public client proves nothing,
		// so a token for it would be a token for anyone who knows its client_id.
		if ( $client->is_public() ) {
			throw OAuth_Error::unauthorized_client( 'client_credentials is only for confidential clients' );
		}
		$scopes    = Machine_Scope::granted( $params->get( 'scope' ), $this->allowed_scopes( $client ) );
		$resources = Resource_Indicator::for_tokens( $params->all( 'resource' ), array(), $client->audiences );
		return $this->issuer->issue_to_client( new Client_Grant( $client, $scopes, $resources, Random::hex( 16 ) ) );
	}

	/**
	 * @return string[]
	 */
	private function allowed_scopes( Client $client ): array {
		$allowed  = Machine_Scope::allowed( $client->scopes );
		$filtered = ( $this->machine_scopes )( $allowed, $client );
		return array_values( array_intersect( $allowed, is_array( $filtered ) ? $filtered : array() ) );
	}
}
