<?php
declare(strict_types=1);

namespace Keystone_OIDC\Grants;

use Keystone_OIDC\Checks\Pkce;
use Keystone_OIDC\Checks\Resource_Indicator;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Models\Code;
use Keystone_OIDC\Storage\Code_Store;
use Keystone_OIDC\Storage\Replication;
use Keystone_OIDC\Storage\Token_Store;
use Keystone_OIDC\Time\Clock;
use Keystone_OIDC\Tokens\Grant;
use Keystone_OIDC\Tokens\Grant_Issuer;
use Keystone_OIDC\Users\Allowed_Users;

/**
 * RFC 6749 §4.1.3 with RFC 7636: a code is redeemed once, by the client it was issued to, with the
 * redirect URI and the PKCE verifier of its authorization request. A second presentation is taken
 * as a stolen code: it fails and revokes every token issued from it (RFC 6749 §4.1.2).
 */
final class Authorization_Code implements Grant_Type {
	/** @var Code_Store */
	private $codes;

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
	 * @param Replication|null $replication Without it the code is always read again after issuing.
	 */
	public function __construct( Code_Store $codes, Token_Store $tokens, Allowed_Users $users, Grant_Issuer $issuer, Clock $clock, ?Replication $replication = null ) {
		$this->codes       = $codes;
		$this->tokens      = $tokens;
		$this->users       = $users;
		$this->issuer      = $issuer;
		$this->clock       = $clock;
		$this->replication = $replication;
	}

	public function execute( Client $client, Parameters $params ): array {
		$code_hash    = Secret_Hash::hash( Required::get( $params, 'code' ) );
		$redirect_uri = Required::get( $params, 'redirect_uri' );
		$now          = $this->clock->now();

		$code = $this->codes->find( $code_hash );
		if ( null === $code ) {
			throw OAuth_Error::invalid_grant( 'The authorization code is invalid' );
		}
		if ( $code->is_spent() ) {
			throw $this->replayed( $code );
		}
		if ( ! $code->belongs_to( $client ) ) {
			throw OAuth_Error::invalid_grant( 'The authorization code was issued to another client' );
		}
		if ( $code->is_expired( $now ) ) {
			throw OAuth_Error::invalid_grant( 'The authorization code has expired' );
		}
		if ( ! hash_equals( $code->redirect_uri, $redirect_uri ) ) {
			throw OAuth_Error::invalid_grant( 'redirect_uri does not match the one of the authorization request' );
		}
		self::check_pkce( $code, $params->get( 'code_verifier' ) );
		$resources = Resource_Indicator::for_tokens( $params->all( 'resource' ), $code->resources(), $client->permitted_resources() );
		$user      = $this->users->of_grant( $code->user_id, $client );

		if ( ! $this->codes->consume( $code_hash, $now ) ) {
			throw $this->replayed( $code );
		}
		$scopes = $client->current_scopes( $code->scopes() );
		$grant  = new Grant( $client, $user, $scopes, $scopes, $code->grant_id, $code->auth_time, $code->nonce );

		$grant->resources         = $resources;
		$grant->refresh_resources = $code->resources();
		$grant->sid               = $code->sid();

		$response = $this->issuer->issue( $grant );
		// On a cluster, a replay seen through another node while these tokens were being stored
		// revoked only the rows that existed then; this redemption did win, so it still answers,
		// but with tokens already revoked. On one server the code's row lock makes that replay
		// wait for this COMMIT instead (`Storage\Replication`).
		if ( $this->read_again() && $this->codes->is_replayed( $code_hash ) ) {
			$this->tokens->revoke_grant( $code->grant_id );
		}
		return $response;
	}

	private function read_again(): bool {
		return null === $this->replication || $this->replication->writes_race_across_nodes();
	}

	private static function check_pkce( Code $code, ?string $verifier ): void {
		if ( ! $code->has_challenge() ) {
			if ( null !== $verifier ) {
				throw OAuth_Error::invalid_grant( 'code_verifier sent, but the authorization request had no code_challenge' );
			}
			return;
		}
		if ( null === $verifier ) {
			throw OAuth_Error::invalid_grant( 'code_verifier is required' );
		}
		if ( ! Pkce::verify( $verifier, (string) $code->code_challenge, (string) $code->code_challenge_method ) ) {
			throw OAuth_Error::invalid_grant( 'code_verifier does not match the code_challenge' );
		}
	}

	/**
	 * Revokes the code's token family and returns the error to answer with.
	 */
	private function replayed( Code $code ): OAuth_Error {
		$this->codes->mark_replayed( $code->code_hash, $this->clock->now() );
		$this->tokens->revoke_grant( $code->grant_id );
		return OAuth_Error::invalid_grant( 'The authorization code has already been used' );
	}
}
