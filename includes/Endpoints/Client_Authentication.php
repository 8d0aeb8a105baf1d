<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Clients\Client_Manager;
use Keystone_OIDC\Config;
use Keystone_OIDC\Http\Basic_Credentials;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Storage\Client_Repository;

/**
 * Who is calling a back-channel endpoint (RFC 6749 §2.3): `client_secret_basic`,
 * `client_secret_post`, `private_key_jwt` (RFC 7523 §2.2, `Client_Assertion`), or `none` for public
 * clients. Exactly one method per request (RFC 6749 §2.3).
 *
 * A client's registered `token_endpoint_auth_method` is enforced for assertions: a
 * `private_key_jwt` client must sign one (its secret is refused), and only such a client may. The
 * two secret methods stay interchangeable: relying parties configured before the method was
 * recorded send their secret either way, and both prove the same secret.
 */
final class Client_Authentication {
	/** @var Client_Assertion */
	private $assertion;

	public function __construct( Client_Assertion $assertion ) {
		$this->assertion = $assertion;
	}

	/**
	 * @param string $endpoint The `Router` name of the endpoint called: its URL is accepted as an
	 *                         assertion's `aud`, beside the issuer and the token endpoint.
	 */
	public function authenticate( Request $request, Parameters $params, string $endpoint = 'token' ): Client {
		$authorization = $request->header( 'authorization' );
		$body_id       = $params->get( 'client_id' );
		$body_secret   = $params->get( 'client_secret' );

		if ( $params->has_name( 'client_assertion' ) || $params->has_name( 'client_assertion_type' ) ) {
			if ( null !== $body_secret || ( null !== $authorization && '' !== $authorization ) ) {
				throw OAuth_Error::invalid_request( 'Use only one client authentication method' );
			}
			return $this->with_assertion( $params, $body_id, $endpoint );
		}
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
		if ( Client::AUTH_PRIVATE_KEY === $client->token_endpoint_auth_method ) {
			throw OAuth_Error::invalid_client( 'This client must authenticate with a client assertion (private_key_jwt)' );
		}
		if ( ! $client->is_public() ) {
			throw OAuth_Error::invalid_client( 'Client authentication is required' );
		}
		return $client;
	}

	private function with_assertion( Parameters $params, ?string $body_id, string $endpoint ): Client {
		if ( Client_Assertion::TYPE !== $params->get( 'client_assertion_type' ) ) {
			throw OAuth_Error::invalid_request( 'client_assertion_type must be ' . Client_Assertion::TYPE );
		}
		$assertion = (string) $params->get( 'client_assertion' );
		$client_id = $body_id ?? Client_Assertion::claimed_client_id( $assertion );
		if ( '' === $assertion || null === $client_id ) {
			throw OAuth_Error::invalid_request( 'client_assertion must be a JWT whose sub is the client_id' );
		}
		$client = Client_Repository::find( $client_id );
		if ( null === $client ) {
			throw OAuth_Error::invalid_client( 'Client authentication failed' );
		}
		if ( Client::AUTH_PRIVATE_KEY !== $client->token_endpoint_auth_method ) {
			throw OAuth_Error::invalid_client( sprintf( 'This client authenticates with %s, not with a client assertion', $client->token_endpoint_auth_method ) );
		}
		$this->assertion->verify( $assertion, $client, self::audiences( $endpoint ) );
		return $client;
	}

	/**
	 * RFC 7523 §3: the issuer or the token endpoint URL; OIDC Core §9 names the token endpoint.
	 * The endpoint actually called counts too (revocation, introspection).
	 *
	 * @return string[]
	 */
	private static function audiences( string $endpoint ): array {
		$audiences = array( Config::issuer(), Router::url( 'token' ) );
		if ( isset( Router::paths()[ $endpoint ] ) ) {
			$audiences[] = Router::url( $endpoint );
		}
		return $audiences;
	}

	private static function with_secret( string $client_id, string $secret ): Client {
		$client = Client_Repository::find( $client_id );
		// One answer for an unknown client and a wrong secret, so client IDs cannot be probed.
		if ( null === $client || ! Client_Manager::verify_secret( $client, $secret ) ) {
			throw OAuth_Error::invalid_client( 'Client authentication failed' );
		}
		if ( Client::AUTH_PRIVATE_KEY === $client->token_endpoint_auth_method ) {
			throw OAuth_Error::invalid_client( 'This client authenticates with private_key_jwt: a client secret is not accepted' );
		}
		return $client;
	}
}
