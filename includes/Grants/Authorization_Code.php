<?php
declare(strict_types=1);

namespace Keystone_OIDC\Grants;

use Keystone_OIDC\Checks\Pkce;
use Keystone_OIDC\Checks\Resource_Indicator;
use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Clock;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Storage\Code_Repository;
use Keystone_OIDC\Storage\Token_Repository;
use Keystone_OIDC\Tokens\Grant;
use Keystone_OIDC\Tokens\Token_Issuer;

/**
 * RFC 6749 §4.1.3 with RFC 7636: a code is redeemed once, by the client it was issued to, with the
 * redirect URI and the PKCE verifier of its authorization request. A second presentation is taken
 * as a stolen code: it fails and revokes every token issued from it (RFC 6749 §4.1.2).
 */
final class Authorization_Code implements Grant_Type {
	public function execute( Client $client, Parameters $params ): array {
		$code         = Required::get( $params, 'code' );
		$redirect_uri = Required::get( $params, 'redirect_uri' );
		$verifier     = $params->get( 'code_verifier' );
		$code_hash    = Secret_Hash::hash( $code );
		$now          = Clock::now();

		$row = Code_Repository::find( $code_hash );
		if ( null === $row ) {
			throw OAuth_Error::invalid_grant( 'The authorization code is invalid' );
		}
		if ( null !== $row['used_at'] || null !== $row['revoked_at'] ) {
			throw self::replayed( $row );
		}
		if ( ! hash_equals( (string) $row['client_id'], $client->client_id ) ) {
			throw OAuth_Error::invalid_grant( 'The authorization code was issued to another client' );
		}
		if ( $row['expires_at'] <= $now ) {
			throw OAuth_Error::invalid_grant( 'The authorization code has expired' );
		}
		if ( ! hash_equals( (string) $row['redirect_uri'], $redirect_uri ) ) {
			throw OAuth_Error::invalid_grant( 'redirect_uri does not match the one of the authorization request' );
		}
		self::check_pkce( $row, $verifier );
		$granted_resources = Stored_Resources::of( $row );
		$resources         = Resource_Indicator::for_tokens( $params->all( 'resource' ), $granted_resources, $client->audiences );
		$user              = User_Check::signed_in_user( (int) $row['user_id'], $client );

		if ( ! Code_Repository::consume( $code_hash, $now ) ) {
			throw self::replayed( $row );
		}
		$scopes = $client->current_scopes( Scope::parse( (string) $row['scope'] ) );
		$grant  = new Grant( $client, $user, $scopes, $scopes, (string) $row['grant_id'], (int) $row['auth_time'], null === $row['nonce'] ? null : (string) $row['nonce'] );

		$grant->resources         = $resources;
		$grant->refresh_resources = $granted_resources;
		$grant->sid               = isset( $row['data']['sid'] ) && is_string( $row['data']['sid'] ) ? $row['data']['sid'] : null;

		$response = Token_Issuer::issue( $grant );
		// A replay seen while these tokens were being stored revoked only the rows that existed
		// then; this redemption did win, so it still answers, but with tokens already revoked.
		if ( Code_Repository::is_replayed( $code_hash ) ) {
			Token_Repository::revoke_grant( (string) $row['grant_id'] );
		}
		return $response;
	}

	/**
	 * @param array<string,mixed> $row
	 */
	private static function check_pkce( array $row, ?string $verifier ): void {
		$challenge = null === $row['code_challenge'] ? '' : (string) $row['code_challenge'];
		if ( '' === $challenge ) {
			if ( null !== $verifier ) {
				throw OAuth_Error::invalid_grant( 'code_verifier sent, but the authorization request had no code_challenge' );
			}
			return;
		}
		if ( null === $verifier ) {
			throw OAuth_Error::invalid_grant( 'code_verifier is required' );
		}
		if ( ! Pkce::verify( $verifier, $challenge, (string) $row['code_challenge_method'] ) ) {
			throw OAuth_Error::invalid_grant( 'code_verifier does not match the code_challenge' );
		}
	}

	/**
	 * Revokes the code's token family and returns the error to answer with.
	 *
	 * @param array<string,mixed> $row
	 */
	private static function replayed( array $row ): OAuth_Error {
		Code_Repository::mark_replayed( (string) $row['code_hash'], Clock::now() );
		Token_Repository::revoke_grant( (string) $row['grant_id'] );
		return OAuth_Error::invalid_grant( 'The authorization code has already been used' );
	}
}
