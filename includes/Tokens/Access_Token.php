<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Config;
use Keystone_OIDC\Container;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Jwt\Jwt_Error;
use Keystone_OIDC\Jwt\Verify_Options;
use Keystone_OIDC\Storage\Client_Repository;

/**
 * An access token this provider issued (or 2.x did, `V2_Access_Token`), alive: verified once by
 * the JWT layer, not expired, its stored row not revoked, its user still allowed. Any failure is
 * the same `invalid_token`.
 */
final class Access_Token {
	/**
	 * RFC 6750 §3.1 `invalid_token` ("invalid for other reasons"), not `insufficient_scope`: no
	 * scope could ever give a machine token a user. Keycloak answers UserInfo 401 for service
	 * account tokens too.
	 */
	const NO_USER = 'The access token has no user: it was issued to a client acting for itself (client_credentials)';

	/** @var \WP_User */
	public $user;

	/** @var Client */
	public $client;

	/** @var string */
	public $scope;

	private function __construct( \WP_User $user, Client $client, string $scope ) {
		$this->user   = $user;
		$this->client = $client;
		$this->scope  = $scope;
	}

	public static function verify( string $token ): self {
		$found = Container::site()->token_lookup()->access( $token );
		if ( null === $found ) {
			throw self::invalid();
		}
		return self::of( $found );
	}

	/**
	 * The access token a client presented to introspection, found (and so verified, once) by
	 * `Token_Lookup`, if it is still alive and has a user. A client_credentials token has none:
	 * whatever needs a user (UserInfo, the REST API as a user) refuses it with `invalid_token`
	 * saying so; introspection describes it through `Client_Access_Token`.
	 */
	public static function of( Presented_Token $found ): self {
		$client = self::live_client( $found );
		$record = $found->record;
		if ( ! $record->has_user() ) {
			throw self::invalid( self::NO_USER );
		}
		if ( (string) $record->user_id !== $found->claims['sub'] ) {
			throw self::invalid();
		}
		$user = Container::site()->allowed_users()->find( $record->user_id, $client );
		if ( null === $user ) {
			throw self::invalid();
		}
		return new self( $user, $client, Scope::to_string( $client->current_scopes( $record->scopes() ) ) );
	}

	/**
	 * What every live access token shares, with a user or without: not expired by its JWT or its
	 * row, not revoked, and its client still registered.
	 *
	 * @return Client The client it was issued to.
	 */
	public static function live_client( Presented_Token $found ): Client {
		$container = Container::site();
		$record    = $found->record;
		if ( $container->jwt_verifier()->has_expired( $found->claims, self::options() ) ) {
			throw self::invalid( 'The access token has expired' );
		}
		if ( ! $record->is_active( $container->clock()->now() ) ) {
			throw self::invalid( 'The access token has been revoked or has expired' );
		}
		$client = Client_Repository::find( $record->client_id );
		if ( null === $client ) {
			throw self::invalid();
		}
		return $client;
	}

	/**
	 * The payload of an access token this provider signed, whether or not it is still alive: what
	 * revocation and introspection need to find its row, even after it expired or was revoked.
	 *
	 * @return array<string,mixed>|null The payload, with `iss`, `jti`, `sub` and `client_id` known
	 *                                  to be strings; null when it is not our access token.
	 */
	public static function signed_claims( string $token ): ?array {
		$container = Container::site();
		try {
			return $container->jwt_verifier()->verify( $token, $container->key_store(), self::options()->accepting_expired() );
		} catch ( Jwt_Error $not_ours ) {
			return null;
		}
	}

	/**
	 * RFC 9068: typed `at+jwt`, so an ID token is never accepted in its place (§4), signed with the
	 * one algorithm access tokens use, by this issuer.
	 */
	private static function options(): Verify_Options {
		return Verify_Options::allowing( Token_Issuer::ACCESS_TOKEN_ALG )
			->with_typ( 'at+jwt' )
			->with_issuer( Config::issuer() )
			->with_string_claims( 'jti', 'sub', 'client_id' );
	}

	private static function invalid( string $description = 'The access token is invalid' ): OAuth_Error {
		return OAuth_Error::invalid_token( $description );
	}
}
