<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Config;
use Keystone_OIDC\Crypto\Jws;
use Keystone_OIDC\Crypto\Random;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Crypto\Token_Hash;
use Keystone_OIDC\Keys\Key_Store;
use Keystone_OIDC\Models\Access_Token_Record;
use Keystone_OIDC\Models\Grant_Data;
use Keystone_OIDC\Models\Refresh_Token;
use Keystone_OIDC\Models\Stored_Token;
use Keystone_OIDC\Resource\Rest_Scope_Policy;
use Keystone_OIDC\Storage\Token_Store;
use Keystone_OIDC\Time\Clock;

/**
 * Issues the token response of a grant: an access token (RFC 9068 JWT, RS256), an ID token (signed
 * with the client's registered algorithm) and, when the client takes them, a rotating refresh
 * token. Every token is recorded under the grant's family so it can be revoked with it. A client
 * acting for itself (client_credentials) gets the access token alone, recorded without a user.
 */
final class Token_Issuer implements Grant_Issuer {
	/**
	 * RFC 9068 §2.1 makes RS256 the one algorithm every resource server accepts, and access tokens
	 * go to resource servers, not to the client; so they stay RS256 whatever the client registered
	 * for its ID tokens.
	 */
	const ACCESS_TOKEN_ALG = 'RS256';

	/** @var Token_Store */
	private $tokens;

	/** @var Clock */
	private $clock;

	/** @var Key_Store */
	private $keys;

	public function __construct( Token_Store $tokens, Clock $clock, Key_Store $keys ) {
		$this->tokens = $tokens;
		$this->clock  = $clock;
		$this->keys   = $keys;
	}

	public function issue( Grant $grant ): array {
		$now     = $this->clock->now();
		$claims  = $this->access_claims( $grant->client, (int) $grant->user->ID, $grant->scopes, $grant->resources, $now );
		$records = array( self::access_record( $claims, $grant->client, $grant->grant_id, (int) $grant->user->ID, $grant->resources, self::session_data( $grant ) ) );
		$refresh = null;
		if ( $grant->client->refresh_tokens ) {
			$refresh   = Random::token( 32 );
			$records[] = self::refresh_record( $grant, $refresh, $now );
		}
		// The response's tokens are stored in one statement, before any of them is signed or sent.
		$this->tokens->insert_all( $records );
		$access_token = $this->sign_access( $claims );
		$response     = array(
			'access_token' => $access_token,
			'token_type'   => 'Bearer',
			'expires_in'   => Config::lifetime( 'access' ),
			'scope'        => Scope::to_string( $grant->scopes ),
			'id_token'     => $this->id_token( $grant, $access_token, $now ),
		);
		if ( null !== $refresh ) {
			$response['refresh_token'] = $refresh;
		}
		return $response;
	}

	/**
	 * RFC 6749 §4.4.3: an access token only; no refresh token, and no ID token since there is no
	 * user to say anything about. `scope` is left out when the token carries none.
	 */
	public function issue_to_client( Client_Grant $grant ): array {
		$now    = $this->clock->now();
		$claims = $this->access_claims( $grant->client, Stored_Token::NO_USER, $grant->scopes, $grant->resources, $now );
		$this->tokens->insert( self::access_record( $claims, $grant->client, $grant->grant_id, Stored_Token::NO_USER, $grant->resources, array() ) );
		$response = array(
			'access_token' => $this->sign_access( $claims ),
			'token_type'   => 'Bearer',
			'expires_in'   => Config::lifetime( 'access' ),
		);
		$scope    = Scope::to_string( $grant->scopes );
		if ( '' !== $scope ) {
			$response['scope'] = $scope;
		}
		return $response;
	}

	/**
	 * RFC 9068 §2.2: `sub` is the user; for a token without one (client_credentials) it is the
	 * client itself, "an identifier the authorization server uses to indicate the client
	 * application". The stored row then has no user (`Stored_Token::NO_USER`).
	 *
	 * @param string[] $scopes
	 * @param string[] $resources
	 * @return array<string,mixed> The access token's claims.
	 */
	private function access_claims( Client $client, int $user_id, array $scopes, array $resources, int $now ): array {
		$scope = Scope::to_string( $scopes );
		return array(
			'iss'       => Config::issuer(),
			'sub'       => Stored_Token::NO_USER === $user_id ? $client->client_id : (string) $user_id,
			'aud'       => self::audience( $client, $resources, $scopes ),
			'client_id' => $client->client_id,
			'scope'     => $scope,
			'exp'       => $now + Config::lifetime( 'access' ),
			'iat'       => $now,
			'jti'       => Random::token( 32 ),
		);
	}

	/**
	 * The row that finds an access token again by the hash of its `jti`.
	 *
	 * @param array<string,mixed> $claims
	 * @param string[]            $resources
	 * @param array<string,mixed> $session_data
	 */
	private static function access_record( array $claims, Client $client, string $grant_id, int $user_id, array $resources, array $session_data ): Access_Token_Record {
		return self::record(
			new Access_Token_Record(),
			Secret_Hash::hash( (string) $claims['jti'] ),
			$client,
			$grant_id,
			$user_id,
			(string) $claims['scope'],
			array_merge( array( 'resources' => $resources ), $session_data ),
			(int) $claims['exp'],
			(int) $claims['iat']
		);
	}

	/**
	 * @param array<string,mixed> $claims
	 */
	private function sign_access( array $claims ): string {
		return Jws::sign( $claims, $this->keys->current( self::ACCESS_TOKEN_ALG ), 'at+jwt' );
	}

	/**
	 * RFC 9068 §3 / RFC 8707: the resource servers the access token is meant for. Without any, the
	 * token is for the client itself, so its client_id stands in, joined by the REST API's root URL
	 * when the token was granted a `wordpress:*` scope (the scope names that resource). A token
	 * that named its resources is for those alone. (The ID token's `aud` is always the client_id.)
	 *
	 * @param string[] $resources
	 * @param string[] $scopes
	 * @return string|string[]
	 */
	private static function audience( Client $client, array $resources, array $scopes ) {
		if ( array() === $resources ) {
			$rest_scopes = array_intersect( $scopes, Rest_Scope_Policy::SCOPES );
			return array() === $rest_scopes ? $client->client_id : array( $client->client_id, Config::rest_resource() );
		}
		return 1 === count( $resources ) ? $resources[0] : array_values( $resources );
	}

	private function id_token( Grant $grant, string $access_token, int $now ): string {
		$alg    = $grant->client->id_token_signed_response_alg;
		$claims = array(
			'iss'       => Config::issuer(),
			'aud'       => $grant->client->client_id,
			'exp'       => $now + Config::lifetime( 'id' ),
			'iat'       => $now,
			'azp'       => $grant->client->client_id,
			'at_hash'   => Token_Hash::half_hash( $access_token, $alg ),
		);
		// An unknown login time is left out, never filled in (OIDC Core §2: auth_time is optional).
		if ( Grant::AUTH_TIME_UNKNOWN !== $grant->auth_time ) {
			$claims['auth_time'] = $grant->auth_time;
		}
		if ( null !== $grant->nonce ) {
			$claims['nonce'] = $grant->nonce;
		}
		if ( null !== $grant->sid ) {
			$claims['sid'] = $grant->sid;
		}
		// Protocol claims win over anything a claims filter put under the same name.
		$payload = array_merge( Claims::for_user( $grant->user, $grant->scopes, $grant->client ), $claims );
		return Jws::sign( $payload, $this->keys->current( $alg ) );
	}

	private static function refresh_record( Grant $grant, string $token, int $now ): Refresh_Token {
		return self::record(
			new Refresh_Token(),
			Secret_Hash::hash( $token ),
			$grant->client,
			$grant->grant_id,
			(int) $grant->user->ID,
			Scope::to_string( $grant->refresh_scopes ),
			array_merge(
				array(
					'auth_time' => $grant->auth_time,
					'resources' => $grant->refresh_resources,
				),
				self::session_data( $grant )
			),
			$grant->refresh_expires_at ?? $now + Config::lifetime( 'refresh' ),
			$now
		);
	}

	/**
	 * Fills a new row of the grant's family.
	 *
	 * @template T of Stored_Token
	 * @param T                   $token
	 * @param array<string,mixed> $data
	 * @return T
	 */
	private static function record( Stored_Token $token, string $token_hash, Client $client, string $grant_id, int $user_id, string $scope, array $data, int $expires_at, int $now ): Stored_Token {
		$token->token_hash = $token_hash;
		$token->grant_id   = $grant_id;
		$token->client_id  = $client->client_id;
		$token->user_id    = $user_id;
		$token->scope      = $scope;
		$token->data       = new Grant_Data( $data );
		$token->expires_at = $expires_at;
		$token->created_at = $now;
		return $token;
	}

	/**
	 * @return array<string,string> Where a sign-out finds the tokens of its session.
	 */
	private static function session_data( Grant $grant ): array {
		return null === $grant->sid ? array() : array( 'sid' => $grant->sid );
	}
}
