<?php
declare(strict_types=1);

namespace Keystone_OIDC\Jwt;

use Keystone_OIDC\Crypto\Algorithm;
use Keystone_OIDC\Crypto\Jwk;
use Keystone_OIDC\Crypto\Public_Key;

/**
 * Keys from a JWK Set (RFC 7517 §5) someone else publishes, such as a client's keys for
 * `private_key_jwt`. A kid picks its key, which must also fit the algorithm: a kid naming a key of
 * another algorithm is refused rather than answered with some other key. Without a kid, only an
 * unambiguous choice counts: exactly one key fits. This provider's own keys never come this way
 * (`Keys\Key_Store` hands them out parsed), so this is where JWK→PEM (`Crypto\Jwk`) serves.
 */
final class Jwks_Key_Set implements Key_Set {
	/** @var array<int, array<string, mixed>> */
	private $jwks;

	/**
	 * @param array<int|string, mixed> $jwks The `keys` member; entries that are not objects are skipped.
	 */
	public function __construct( array $jwks ) {
		$this->jwks = array_values( array_filter( $jwks, 'is_array' ) );
	}

	public function key_for( ?string $kid, string $alg ): Public_Key {
		$jwk = null === $kid ? $this->only_fitting( $alg ) : $this->by_kid( $kid );
		if ( ! self::fits( $jwk, $alg ) ) {
			throw new Jwt_Error( Jwt_Error::KEY_UNFIT, 'The key the kid names is not for this algorithm' );
		}
		$pem = Jwk::to_public_pem( $jwk );
		$key = null === $pem ? null : Public_Key::from_pem( $pem, (string) ( $jwk['kid'] ?? '' ), $alg );
		if ( null === $key ) {
			throw new Jwt_Error( Jwt_Error::KEY_UNFIT, 'The key is not a usable public key for this algorithm' );
		}
		return $key;
	}

	/**
	 * @return array<string, mixed>
	 */
	private function by_kid( string $kid ): array {
		foreach ( $this->jwks as $jwk ) {
			if ( ( $jwk['kid'] ?? null ) === $kid ) {
				return $jwk;
			}
		}
		throw new Jwt_Error( Jwt_Error::KID_UNKNOWN, 'No key has this kid' );
	}

	/**
	 * @return array<string, mixed>
	 */
	private function only_fitting( string $alg ): array {
		$fitting = array_values(
			array_filter(
				$this->jwks,
				static function ( array $jwk ) use ( $alg ): bool {
					return self::fits( $jwk, $alg );
				}
			)
		);
		if ( 1 !== count( $fitting ) ) {
			throw new Jwt_Error( Jwt_Error::KID_UNKNOWN, 'Without a kid, no single key fits' );
		}
		return $fitting[0];
	}

	/**
	 * @param array<string, mixed> $jwk
	 */
	private static function fits( array $jwk, string $alg ): bool {
		$spec = Algorithm::spec( $alg );
		if ( null === $spec || ( $jwk['kty'] ?? null ) !== $spec['kty'] ) {
			return false;
		}
		if ( isset( $spec['crv'] ) && ( $jwk['crv'] ?? null ) !== $spec['crv'] ) {
			return false;
		}
		if ( array_key_exists( 'alg', $jwk ) && $jwk['alg'] !== $alg ) {
			return false;
		}
		if ( array_key_exists( 'use', $jwk ) && 'sig' !== $jwk['use'] ) {
			return false;
		}
		return ! array_key_exists( 'key_ops', $jwk )
			|| ( is_array( $jwk['key_ops'] ) && in_array( 'verify', $jwk['key_ops'], true ) );
	}
}
