<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Grants\Refresh_Token;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * The requested scopes this provider supports and the client may have. `openid` is required;
 * anything else the client may not have is dropped, never granted. `offline_access` is a refresh
 * token that outlives the sign-in (OIDC Core §11), so a client that takes no refresh tokens is not
 * granted it either.
 */
final class Requested_Scope implements Step {
	/** @var string[] */
	private $supported;

	/**
	 * @param string[] $supported `Config::supported_scopes()`.
	 */
	public function __construct( array $supported ) {
		$this->supported = $supported;
	}

	public function run( Context $context ): ?Answer {
		$request         = $context->request();
		$request->scopes = self::granted( $context->params->get( 'scope' ), $request->client, $this->supported );
		return null;
	}

	/**
	 * The scopes granted for a `scope` parameter, or the request's `invalid_request` /
	 * `invalid_scope`: the authorization endpoint's rule, which the device authorization endpoint
	 * applies too.
	 *
	 * @param string[] $supported `Config::supported_scopes()`.
	 * @return string[]
	 */
	public static function granted( ?string $scope, Client $client, array $supported ): array {
		if ( null === $scope ) {
			throw OAuth_Error::invalid_request( 'scope is required' );
		}
		$requested = Scope::parse( $scope );
		foreach ( $requested as $token ) {
			if ( ! Scope::is_valid_token( $token ) ) {
				throw OAuth_Error::invalid_scope( 'The scope parameter is malformed' );
			}
		}
		if ( ! in_array( 'openid', $requested, true ) ) {
			throw OAuth_Error::invalid_scope( 'The openid scope is required' );
		}
		return array_values(
			array_filter(
				$requested,
				static function ( string $token ) use ( $client, $supported ): bool {
					if ( Refresh_Token::OFFLINE_ACCESS === $token && ! $client->refresh_tokens ) {
						return false;
					}
					return 'openid' === $token || ( in_array( $token, $supported, true ) && $client->allows_scope( $token ) );
				}
			)
		);
	}
}
