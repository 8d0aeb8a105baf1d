<?php
declare(strict_types=1);

namespace Keystone_OIDC\Jwt;

use Keystone_OIDC\Crypto\Algorithm;
use Keystone_OIDC\Crypto\Jws;

/**
 * Verifies a signed JWT the way jose's `jwtVerify( token, keys, options )` does, and is the only
 * place that does: form, algorithm (from the caller's allow-list only; `none` and HMAC are never
 * implemented), `crit`, `typ`, key by `kid`, signature, then issuer, audience, required claims,
 * `exp` and `nbf`. The first rule broken throws a `Jwt_Error` naming it; the header is checked
 * before any key is looked up, and the signature before any claim is trusted.
 */
final class Jwt_Verifier {
	/** @var callable():int */
	private $now;

	/**
	 * @param callable():int $now The current unix time.
	 */
	public function __construct( callable $now ) {
		$this->now = $now;
	}

	/**
	 * @return array<string, mixed> The claims.
	 * @throws Jwt_Error The first rule the token breaks.
	 */
	public function verify( string $token, Key_Set $keys, Verify_Options $options ): array {
		$parts = Jws::decode( $token );
		if ( null === $parts ) {
			throw new Jwt_Error( Jwt_Error::MALFORMED, 'The token is not a compact JWS with JSON object header and payload' );
		}
		$header = $parts['header'];
		$alg    = self::algorithm( $header, $options );
		self::check_header( $header, $options );
		$key = $keys->key_for( $header['kid'] ?? null, $alg );
		if ( ! Jws::signature_is_valid( $parts['input'], $parts['signature'], $key ) ) {
			throw new Jwt_Error( Jwt_Error::BAD_SIGNATURE, 'The signature does not verify' );
		}
		$this->check_claims( $parts['payload'], $options );
		return $parts['payload'];
	}

	/**
	 * Whether claims this verifier passed under `accepting_expired()` are past their `exp` now, by
	 * the same rule `verify()` applies. A token without a usable `exp` counts as expired.
	 *
	 * @param array<string, mixed> $claims
	 */
	public function has_expired( array $claims, Verify_Options $options ): bool {
		$exp = $claims['exp'] ?? null;
		return ! is_int( $exp ) || $exp <= ( $this->now )() - $options->clock_tolerance();
	}

	/**
	 * The header, unverified, as jose's `decodeProtectedHeader`: only for choosing how to verify a
	 * token (which options, which kind of token it claims to be), never for trusting it.
	 *
	 * @return array<string, mixed> Empty when the token is malformed.
	 */
	public static function unverified_header( string $token ): array {
		$parts = Jws::decode( $token );
		return null === $parts ? array() : $parts['header'];
	}

	/**
	 * RFC 7515 §4.1.9: media types compare without case, and `application/` may be left out.
	 */
	public static function normalise_typ( string $typ ): string {
		$typ = strtolower( $typ );
		return 0 === strpos( $typ, 'application/' ) ? substr( $typ, strlen( 'application/' ) ) : $typ;
	}

	/**
	 * @param array<string, mixed> $header
	 */
	private static function algorithm( array $header, Verify_Options $options ): string {
		$alg = $header['alg'] ?? null;
		if ( ! is_string( $alg ) || ! in_array( $alg, $options->algorithms(), true ) || ! Algorithm::is_supported( $alg ) ) {
			throw new Jwt_Error( Jwt_Error::ALG_NOT_ALLOWED, 'The algorithm is not allowed for this token' );
		}
		return $alg;
	}

	/**
	 * @param array<string, mixed> $header
	 */
	private static function check_header( array $header, Verify_Options $options ): void {
		if ( array_key_exists( 'crit', $header ) ) {
			throw new Jwt_Error( Jwt_Error::CRIT_UNSUPPORTED, 'The token names critical extensions' );
		}
		if ( null !== $options->typ() ) {
			$typ    = $header['typ'] ?? null;
			$absent = null === $typ && $options->typ_may_be_absent();
			if ( ! $absent && ( ! is_string( $typ ) || self::normalise_typ( $typ ) !== $options->typ() ) ) {
				throw new Jwt_Error( Jwt_Error::TYP_MISMATCH, 'The token is not of the expected type' );
			}
		}
		if ( array_key_exists( 'kid', $header ) && ! is_string( $header['kid'] ) ) {
			throw new Jwt_Error( Jwt_Error::MALFORMED, 'The kid is not a string' );
		}
	}

	/**
	 * @param array<string, mixed> $claims
	 */
	private function check_claims( array $claims, Verify_Options $options ): void {
		if ( null !== $options->issuer() && ( $claims['iss'] ?? null ) !== $options->issuer() ) {
			throw new Jwt_Error( Jwt_Error::ISSUER_MISMATCH, 'The token is from another issuer' );
		}
		if ( array() !== $options->audiences() && array() === array_intersect( $options->audiences(), self::audiences( $claims ) ) ) {
			throw new Jwt_Error( Jwt_Error::AUDIENCE_MISMATCH, 'The token is meant for another audience' );
		}
		foreach ( $options->string_claims() as $name ) {
			if ( ! isset( $claims[ $name ] ) || ! is_string( $claims[ $name ] ) || '' === $claims[ $name ] ) {
				throw new Jwt_Error( Jwt_Error::CLAIM_INVALID, sprintf( 'The "%s" claim is missing or not a string', $name ) );
			}
		}
		$now = ( $this->now )();
		if ( $options->enforces_expiry() && $this->has_expired( $claims, $options ) ) {
			if ( ! is_int( $claims['exp'] ?? null ) ) {
				throw new Jwt_Error( Jwt_Error::CLAIM_INVALID, 'The "exp" claim is missing or not an integer' );
			}
			throw new Jwt_Error( Jwt_Error::EXPIRED, 'The token has expired' );
		}
		if ( array_key_exists( 'nbf', $claims ) ) {
			if ( ! is_int( $claims['nbf'] ) ) {
				throw new Jwt_Error( Jwt_Error::CLAIM_INVALID, 'The "nbf" claim is not an integer' );
			}
			if ( $claims['nbf'] > $now + $options->clock_tolerance() ) {
				throw new Jwt_Error( Jwt_Error::NOT_YET_VALID, 'The token is not valid yet' );
			}
		}
	}

	/**
	 * RFC 7519 §4.1.3: `aud` is one string or a list of them.
	 *
	 * @param array<string, mixed> $claims
	 * @return string[]
	 */
	private static function audiences( array $claims ): array {
		$aud = $claims['aud'] ?? array();
		return array_values( array_filter( is_array( $aud ) ? $aud : array( $aud ), 'is_string' ) );
	}
}
