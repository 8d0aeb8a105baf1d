<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Clock;
use Keystone_OIDC\Config;
use Keystone_OIDC\Container;
use Keystone_OIDC\Crypto\Jws;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Keys\Key_Store;
use Keystone_OIDC\Models\Access_Token_Record;
use Keystone_OIDC\Storage\Client_Repository;

/**
 * An access token this provider issued, verified: signature against the published keys, `typ`
 * `at+jwt` (so an ID token is never accepted in its place, RFC 9068 §4), issuer, expiry, and its
 * stored row not revoked. Any failure is the same `invalid_token`.
 */
final class Access_Token {
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
		$record = V2_Access_Token::row( $token ) ?? self::stored_record( $token );
		$client = Client_Repository::find( $record->client_id );
		$user   = null === $client ? null : Container::site()->allowed_users()->find( $record->user_id, $client );
		if ( null === $client || null === $user ) {
			throw self::invalid();
		}
		return new self( $user, $client, Scope::to_string( $client->current_scopes( $record->scopes() ) ) );
	}

	/**
	 * The record of a live access token of this version.
	 */
	private static function stored_record( string $token ): Access_Token_Record {
		$claims = self::verified_claims( $token );
		$record = Container::site()->token_store()->find_access( Secret_Hash::hash( $claims['jti'] ) );
		if ( null === $record || ! $record->is_active( Container::site()->clock()->now() ) ) {
			throw self::invalid( 'The access token has been revoked or has expired' );
		}
		if ( ! hash_equals( $record->client_id, $claims['client_id'] ) || (string) $record->user_id !== $claims['sub'] ) {
			throw self::invalid();
		}
		return $record;
	}

	/**
	 * @return array<string,mixed> The payload, with `jti`, `sub` and `client_id` known to be strings.
	 */
	private static function verified_claims( string $token ): array {
		$claims = self::signed_claims( $token );
		if ( null === $claims ) {
			throw self::invalid();
		}
		if ( ! isset( $claims['exp'] ) || ! is_int( $claims['exp'] ) || $claims['exp'] <= Clock::now() ) {
			throw self::invalid( 'The access token has expired' );
		}
		return $claims;
	}

	/**
	 * The payload of an access token this provider signed, whether or not it is still alive: what
	 * revocation and introspection need to find its row, even after it expired or was revoked.
	 *
	 * @return array<string,mixed>|null The payload, with `iss`, `jti`, `sub` and `client_id` known
	 *                                  to be strings; null when it is not our access token.
	 */
	public static function signed_claims( string $token ): ?array {
		$decoded = Jws::decode_unverified( $token );
		$typ     = is_array( $decoded ) && isset( $decoded['header']['typ'] ) && is_string( $decoded['header']['typ'] ) ? strtolower( $decoded['header']['typ'] ) : '';
		if ( 'at+jwt' !== $typ && 'application/at+jwt' !== $typ ) {
			return null;
		}
		$claims = Jws::verify( $token, Key_Store::instance()->public_jwks()['keys'], array( Token_Issuer::ACCESS_TOKEN_ALG ) );
		if ( null === $claims ) {
			return null;
		}
		foreach ( array( 'iss', 'jti', 'sub', 'client_id' ) as $name ) {
			if ( ! isset( $claims[ $name ] ) || ! is_string( $claims[ $name ] ) || '' === $claims[ $name ] ) {
				return null;
			}
		}
		return Config::issuer() === $claims['iss'] ? $claims : null;
	}

	private static function invalid( string $description = 'The access token is invalid' ): OAuth_Error {
		return OAuth_Error::invalid_token( $description );
	}
}
