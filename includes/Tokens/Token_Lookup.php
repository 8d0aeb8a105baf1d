<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Storage\Token_Store;

/**
 * Finds the stored record of a token presented to revocation (RFC 7009) or introspection (RFC 7662):
 * a refresh token by the hash of its value, an access token by the hash of its `jti` once its
 * signature is proven, so a forged JWT never reaches the database. `token_type_hint` only sets
 * which kind is tried first (RFC 7009 §2.1); an unknown hint is ignored and both are tried.
 */
final class Token_Lookup {
	const HINT_REFRESH = 'refresh_token';

	/** @var Token_Store */
	private $tokens;

	public function __construct( Token_Store $tokens ) {
		$this->tokens = $tokens;
	}

	public function find( string $token, ?string $hint ): ?Presented_Token {
		if ( self::HINT_REFRESH === $hint ) {
			return $this->refresh( $token ) ?? $this->access( $token );
		}
		return $this->access( $token ) ?? $this->refresh( $token );
	}

	private function access( string $token ): ?Presented_Token {
		$claims = Access_Token::signed_claims( $token );
		if ( null === $claims ) {
			return V2_Access_Token::presented( $token );
		}
		$record = $this->tokens->find_access( Secret_Hash::hash( $claims['jti'] ) );
		if ( null === $record || ! hash_equals( $record->client_id, $claims['client_id'] ) ) {
			return null;
		}
		return new Presented_Token( $record, $claims );
	}

	private function refresh( string $token ): ?Presented_Token {
		$record = $this->tokens->find_refresh( Secret_Hash::hash( $token ) );
		return null === $record ? null : new Presented_Token( $record );
	}
}
