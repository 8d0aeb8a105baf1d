<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Clients\Client_Manager;
use Keystone_OIDC\Http\Basic_Credentials;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Storage\Client_Repository;

/**
 * Who is calling a back-channel endpoint (RFC 6749 §2.3): `client_secret_basic`,
 * `client_secret_post`, or `none` for public clients. Confidential clients always prove their
 * secret; exactly one method per request (RFC 6749 §2.3).
 */
final class Client_Authentication {
	public function authenticate( Request $request, Parameters $params ): Client {
		$authorization = $request->header( 'authorization' );
		$body_id       = $params->get( 'client_id' );
		$body_secret   = $params->get( 'client_secret' );

		if ( Basic_Credentials::is_basic( $authorization ) ) {
			if ( null !== $body_secret ) {
				throw OAuth_Error::invalid_request( 'Use only one client authentication method' );
			}
			$credentials = Basic_Credentials::parse( (string) $authorization );
			if ( null !== $body_id && ! hash_equals( $credentials->client_id, $body_id ) ) {
				throw OAuth_Error::invalid_request( 'client_id does not match the authenticated client' );
			}
			return self::with_secret( $credentials->client_id, $credentials->client_secret );
		}
		if ( null !== $authorization && '' !== $authorization ) {
			throw OAuth_Error::invalid_client( 'Unsupported client authentication scheme' );
		}
		if ( null === $body_id ) {
			throw OAuth_Error::invalid_client( 'Client authentication is required' );
		}
		if ( null !== $body_secret ) {
			return self::with_secret( $body_id, $body_secret );
		}
		$client = Client_Repository::find( $body_id );
		if ( null === $client ) {
			throw OAuth_Error::invalid_client( 'Client authentication failed' );
		}
		if ( ! $client->is_public() ) {
			throw OAuth_Error::invalid_client( 'Client authentication is required' );
		}
		return $client;
	}

	private static function with_secret( string $client_id, string $secret ): Client {
		$client = Client_Repository::find( $client_id );
		// One answer for an unknown client and a wrong secret, so client IDs cannot be probed.
		if ( null === $client || ! Client_Manager::verify_secret( $client, $secret ) ) {
			throw OAuth_Error::invalid_client( 'Client authentication failed' );
		}
		return $client;
	}
}
