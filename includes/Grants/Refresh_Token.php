<?php
declare(strict_types=1);

namespace Keystone_OIDC\Grants;

use Keystone_OIDC\Checks\Resource_Indicator;
use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Clock;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Storage\Token_Repository;
use Keystone_OIDC\Tokens\Grant;
use Keystone_OIDC\Tokens\Token_Issuer;

/**
 * RFC 6749 §6 with rotation (RFC 9700 §4.14.2): each refresh token is used once and replaced. A
 * rotated token presented again means two parties hold the family, so the whole family is revoked.
 * The scope may be narrowed, never widened.
 */
final class Refresh_Token implements Grant_Type {
	const OFFLINE_ACCESS = 'offline_access';

	public function execute( Client $client, Parameters $params ): array {
		if ( ! $client->refresh_tokens ) {
			throw OAuth_Error::unauthorized_client( 'This client does not use refresh tokens' );
		}
		$token      = Required::get( $params, 'refresh_token' );
		$token_hash = Secret_Hash::hash( $token );
		$now        = Clock::now();

		$row = Token_Repository::find( $token_hash, Token_Repository::TYPE_REFRESH );
		if ( null === $row || ! hash_equals( (string) $row['client_id'], $client->client_id ) ) {
			throw OAuth_Error::invalid_grant( 'The refresh token is invalid' );
		}
		if ( null !== $row['revoked_at'] ) {
			throw OAuth_Error::invalid_grant( 'The refresh token has been revoked' );
		}
		if ( null !== $row['used_at'] ) {
			throw self::reused( $row );
		}
		if ( $row['expires_at'] <= $now ) {
			throw OAuth_Error::invalid_grant( 'The refresh token has expired' );
		}
		$granted           = $client->current_scopes( Scope::parse( (string) $row['scope'] ) );
		$scopes            = self::narrowed_scopes( $granted, $params->get( 'scope' ) );
		$granted_resources = Stored_Resources::of( $row );
		$resources         = Resource_Indicator::for_tokens( $params->all( 'resource' ), $granted_resources, $client->audiences );
		$user              = User_Check::signed_in_user( (int) $row['user_id'], $client );

		if ( ! Token_Repository::consume_refresh( $token_hash, $now ) ) {
			throw self::reused( $row );
		}
		$auth_time = isset( $row['data']['auth_time'] ) ? (int) $row['data']['auth_time'] : (int) $row['created_at'];
		$grant     = new Grant( $client, $user, $scopes, $granted, (string) $row['grant_id'], $auth_time, null );

		$grant->resources          = $resources;
		$grant->refresh_resources  = $granted_resources;
		$grant->refresh_expires_at = self::sliding( $granted ) ? null : (int) $row['expires_at'];
		$grant->sid                = isset( $row['data']['sid'] ) && is_string( $row['data']['sid'] ) ? $row['data']['sid'] : null;

		$response = Token_Issuer::issue( $grant );
		// A reuse seen while the new tokens were being stored revoked only the rows that existed then.
		$after = Token_Repository::find( $token_hash, Token_Repository::TYPE_REFRESH );
		if ( null === $after || null !== $after['revoked_at'] ) {
			Token_Repository::revoke_grant( (string) $row['grant_id'] );
		}
		return $response;
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
	 *
	 * @param array<string,mixed> $row
	 */
	private static function reused( array $row ): OAuth_Error {
		Token_Repository::revoke_grant( (string) $row['grant_id'] );
		return OAuth_Error::invalid_grant( 'The refresh token has already been used' );
	}
}
