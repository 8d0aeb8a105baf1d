<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

use Keystone_OIDC\Clock;
use Keystone_OIDC\Container;
use Keystone_OIDC\Crypto\Jws;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Keys\Key_Store;
use Keystone_OIDC\Models\Access_Token_Record;
use Keystone_OIDC\Upgrade\V2_Identity;

/**
 * An access token Keystone OIDC 2.x issued before the upgrade, presented at UserInfo (until it
 * expires, an hour at most), to introspection or to revocation. It is recognised by its `typ`
 * (`JWT`) and the 2.x key's kid: it is verified against that published key only, must carry the
 * 2.x issuer and its client as `aud`, and its row is found by SHA-256 of the whole JWT, as 2.x
 * stored it. A token under any other kid is not one, and goes the ordinary way.
 */
final class V2_Access_Token {
	/**
	 * @return Access_Token_Record|null The record of a live 2.x token, or null when the token is not a 2.x token.
	 * @throws OAuth_Error `invalid_token` for a 2.x token that is not (or no longer) valid.
	 */
	public static function row( string $token ): ?Access_Token_Record {
		if ( ! self::is_v2( $token ) ) {
			return null;
		}
		$claims = self::signed_claims( $token );
		$now    = Clock::now();
		if ( null === $claims || ! is_int( $claims['exp'] ?? null ) || $claims['exp'] <= $now ) {
			throw OAuth_Error::invalid_token( 'The access token is invalid' );
		}
		$row = self::stored_row( $token, $claims );
		if ( null === $row || ! $row->is_active( $now ) ) {
			throw OAuth_Error::invalid_token( 'The access token has been revoked or has expired' );
		}
		return $row;
	}

	/**
	 * A 2.x token presented to revocation or introspection, alive or not, or null.
	 */
	public static function presented( string $token ): ?Presented_Token {
		$claims = self::signed_claims( $token );
		$row    = null === $claims ? null : self::stored_row( $token, $claims );
		return null === $row ? null : new Presented_Token( $row, $claims );
	}

	private static function is_v2( string $token ): bool {
		$decoded = Jws::decode_unverified( $token );
		$header  = is_array( $decoded ) ? $decoded['header'] : array();
		// 2.x typed its tokens `JWT`; ours are `at+jwt` and need no look at the 2.x record.
		if ( 'JWT' !== ( $header['typ'] ?? null ) || ! isset( $header['kid'] ) || ! is_string( $header['kid'] ) ) {
			return false;
		}
		$kid = V2_Identity::kid();
		return '' !== $kid && hash_equals( $kid, $header['kid'] );
	}

	/**
	 * @return array<string,mixed>|null The payload of a token the 2.x key signed, with the 2.x
	 *                                  issuer and string `sub`, `aud` and `jti`; expired or not.
	 */
	private static function signed_claims( string $token ): ?array {
		if ( ! self::is_v2( $token ) ) {
			return null;
		}
		$jwk    = Key_Store::instance()->public_jwk( V2_Identity::kid() );
		$claims = null === $jwk ? null : Jws::verify( $token, array( $jwk ), array( 'RS256' ) );
		if ( null === $claims || V2_Identity::issuer() !== ( $claims['iss'] ?? null ) || ! is_string( $claims['sub'] ?? null ) || ! is_string( $claims['aud'] ?? null ) || ! is_string( $claims['jti'] ?? null ) ) {
			return null;
		}
		return $claims;
	}

	/**
	 * @param array<string,mixed> $claims
	 */
	private static function stored_row( string $token, array $claims ): ?Access_Token_Record {
		$row = Container::site()->token_store()->find_access( Secret_Hash::hash( $token ) );
		if ( null === $row || ! hash_equals( $row->client_id, $claims['aud'] ) || (string) $row->user_id !== $claims['sub'] ) {
			return null;
		}
		return $row;
	}
}
