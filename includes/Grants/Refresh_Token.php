<?php
declare(strict_types=1);

namespace Keystone_OIDC\Grants;

use Keystone_OIDC\Checks\Resource_Indicator;
use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Models\Refresh_Token as Stored_Refresh_Token;
use Keystone_OIDC\Storage\Replication;
use Keystone_OIDC\Storage\Token_Store;
use Keystone_OIDC\Time\Clock;
use Keystone_OIDC\Tokens\Grant;
use Keystone_OIDC\Tokens\Grant_Issuer;
use Keystone_OIDC\Users\Allowed_Users;

/**
 * RFC 6749 §6 with rotation (RFC 9700 §4.14.2): each refresh token is used once and replaced. A
 * rotated token presented again means two parties hold the family, so the whole family is revoked.
 * The scope may be narrowed, never widened.
 */
final class Refresh_Token implements Grant_Type {
	const OFFLINE_ACCESS = 'offline_access';

	/** @var Token_Store */
	private $tokens;

	/** @var Allowed_Users */
	private $users;

	/** @var Grant_Issuer */
	private $issuer;

	/** @var Clock */
	private $clock;

	/** @var Replication|null */
	private $replication;

	/**
	 * @param Replication|null $replication Without it the refresh token is always read again after issuing.
	 */
	public function __construct( Token_Store $tokens, Allowed_Users $users, Grant_Issuer $issuer, Clock $clock, ?Replication $replication = null ) {
		$this->tokens      = $tokens;
		$this->users       = $users;
		$this->issuer      = $issuer;
		$this->clock       = $clock;
		$this->replication = $replication;
	}

	public function execute( Client $client, Parameters $params ): array {
		if ( ! $client->refresh_tokens ) {
			throw OAuth_Error::unauthorized_client( 'This client does not use refresh tokens' );
		}
		$token_hash = Secret_Hash::hash( Required::get( $params, 'refresh_token' ) );
		$now        = $this->clock->now();

		$token = $this->tokens->find_refresh( $token_hash );
		if ( null === $token || ! $token->belongs_to( $client ) ) {
			throw OAuth_Error::invalid_grant( 'The refresh token is invalid' );
		}
		if ( $token->is_revoked() ) {
			throw OAuth_Error::invalid_grant( 'The refresh token has been revoked' );
		}
		if ( $token->is_rotated() ) {
			throw $this->reused( $token );
		}
		if ( $token->is_expired( $now ) ) {
			throw OAuth_Error::invalid_grant( 'The refresh token has expired' );
		}
		$granted   = $client->current_scopes( $token->scopes() );
		$scopes    = self::narrowed_scopes( $granted, $params->get( 'scope' ) );
		$resources = Resource_Indicator::for_tokens( $params->all( 'resource' ), $token->resources(), $client->permitted_resources() );
		$user      = $this->users->of_grant( $token->user_id, $client );

		if ( ! $this->tokens->consume_refresh( $token_hash, $now ) ) {
			throw $this->reused( $token );
		}
		$grant = new Grant( $client, $user, $scopes, $granted, $token->grant_id, $token->auth_time(), null );

		$grant->resources          = $resources;
		$grant->refresh_resources  = $token->resources();
		$grant->refresh_expires_at = self::sliding( $granted ) ? null : $token->expires_at;
		$grant->sid                = $token->sid();

		$response = $this->issuer->issue( $grant );
		// On a cluster, a reuse seen through another node while the new tokens were being stored
		// revoked only the rows that existed then. On one server the token's row lock makes that
		// reuse wait for this COMMIT instead (`Storage\Replication`).
		if ( $this->read_again() ) {
			$after = $this->tokens->find_refresh( $token_hash );
			if ( null === $after || $after->is_revoked() ) {
				$this->tokens->revoke_grant( $token->grant_id );
			}
		}
		return $response;
	}

	private function read_again(): bool {
		return null === $this->replication || $this->replication->writes_race_across_nodes();
	}

	/**
	 * OIDC Core §11: `offline_access`, granted with the user's consent, keeps the grant alive while
	 * the client keeps using it: each rotation starts a full refresh lifetime again. Without it the
	 * grant ends a refresh lifetime after the code was redeemed, however often it is rotated.
	 *
	 * @param string[] $granted
	 */
	private static function sliding( array $granted ): bool {
		return in_array( self::OFFLINE_ACCESS, $granted, true );
	}

	/**
	 * @param string[] $granted
	 * @return string[]
	 */
	private static function narrowed_scopes( array $granted, ?string $requested ): array {
		if ( null === $requested ) {
			return $granted;
		}
		$scopes = Scope::parse( $requested );
		$wider  = array_diff( $scopes, $granted );
		if ( array() !== $wider ) {
			throw OAuth_Error::invalid_scope( sprintf( 'The refresh token does not grant: %s', implode( ' ', $wider ) ) );
		}
		// Every token response carries an ID token, so openid stays.
		return array_values( array_unique( array_merge( array( 'openid' ), $scopes ) ) );
	}

	/**
	 * Revokes the token family and returns the error to answer with.
	 */
	private function reused( Stored_Refresh_Token $token ): OAuth_Error {
		$this->tokens->revoke_grant( $token->grant_id );
		do_action( 'keystone_oidc_refresh_token_reused', $token );
		return OAuth_Error::invalid_grant( 'The refresh token has already been used' );
	}
}
