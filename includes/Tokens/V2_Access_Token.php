<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

use Keystone_OIDC\Container;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Jwt\Jwt_Error;
use Keystone_OIDC\Jwt\Jwt_Verifier;
use Keystone_OIDC\Jwt\Verify_Options;
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
	 * A 2.x token, alive or not, matched to its row; null when the token is not one.
	 */
	public static function presented( string $token ): ?Presented_Token {
		$claims = self::signed_claims( $token );
		$row    = null === $claims ? null : self::stored_row( $token, $claims );
		return null === $row ? null : new Presented_Token( $row, $claims );
	}

	private static function is_v2( string $token ): bool {
		$header = Jwt_Verifier::unverified_header( $token );
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
		$options   = Verify_Options::allowing( 'RS256' )
			->with_typ( 'JWT' )
			->with_issuer( V2_Identity::issuer() )
			->with_string_claims( 'sub', 'aud', 'jti' )
			->accepting_expired();
		$container = Container::site();
		try {
			// The header's kid is the 2.x kid (`is_v2`), so the store answers with the 2.x key only.
			return $container->jwt_verifier()->verify( $token, $container->key_store(), $options );
		} catch ( Jwt_Error $not_v2 ) {
			return null;
		}
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
