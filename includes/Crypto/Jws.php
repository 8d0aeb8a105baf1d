<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

use InvalidArgumentException;
use RuntimeException;
use stdClass;

/**
 * Compact JWS (RFC 7515) with JSON payloads, i.e. signed JWTs, for the algorithms in Algorithm:
 * signing, splitting a token into its parts, and checking one signature with one key. Which
 * algorithm and key to trust, and what the claims must say, is `Jwt\Jwt_Verifier`'s decision.
 */
final class Jws {
	private const JSON_FLAGS = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR;
	private const JSON_DEPTH = 64;

	/**
	 * @param array<string, mixed> $payload Claims; must be a JSON object, not a list.
	 * @throws InvalidArgumentException When the payload is a list or cannot be encoded.
	 * @throws RuntimeException When OpenSSL cannot sign with the key.
	 */
	public static function sign( array $payload, Key_Pair $key, string $typ = 'JWT' ): string {
		$spec = Algorithm::spec( $key->alg() );
		// PSS is verified only: our own tokens are RS256 or ES256.
		if ( null === $spec || isset( $spec['pss'] ) ) {
			throw new InvalidArgumentException( sprintf( 'Unsupported algorithm "%s".', $key->alg() ) );
		}
		$header = array(
			'alg' => $key->alg(),
			'typ' => $typ,
			'kid' => $key->kid(),
		);
		$input  = Base64Url::encode( self::encode_object( $header ) ) . '.' . Base64Url::encode( self::encode_object( $payload ) );

		if ( ! openssl_sign( $input, $signature, $key->private_key(), $spec['digest'] ) ) {
			throw new RuntimeException( 'OpenSSL could not sign: ' . Openssl_Errors::drain() );
		}
		if ( 'EC' === $spec['kty'] ) {
			$signature = Ecdsa_Signature::der_to_raw( $signature, $spec['size'] );
			if ( null === $signature ) {
				throw new RuntimeException( 'OpenSSL returned an unreadable ECDSA signature.' );
			}
		}
		return $input . '.' . Base64Url::encode( $signature );
	}

	/**
	 * Splits a compact JWS into its decoded parts without checking anything but its form: three
	 * base64url segments, a JSON object as header and as payload.
	 *
	 * @return array{header: array<string, mixed>, payload: array<string, mixed>, input: string, signature: string}|null
	 *         Null when the token is not of that form.
	 */
	public static function decode( string $jws ): ?array {
		$segments = explode( '.', $jws );
		if ( 3 !== count( $segments ) ) {
			return null;
		}
		$header    = self::decode_object( $segments[0] );
		$payload   = self::decode_object( $segments[1] );
		$signature = Base64Url::decode( $segments[2] );
		if ( null === $header || null === $payload || null === $signature ) {
			return null;
		}
		return array(
			'header'    => $header,
			'payload'   => $payload,
			'input'     => $segments[0] . '.' . $segments[1],
			'signature' => $signature,
		);
	}

	/**
	 * Whether `$signature` is the key's signature of `$input` under the key's algorithm.
	 */
	public static function signature_is_valid( string $input, string $signature, Public_Key $key ): bool {
		$spec = Algorithm::spec( $key->alg() );
		if ( null === $spec ) {
			return false;
		}
		if ( isset( $spec['pss'] ) ) {
			return Rsa_Pss::verify( $input, $signature, $key->handle(), $spec['digest'], $spec['pss'] );
		}
		if ( 'EC' === $spec['kty'] ) {
			$signature = Ecdsa_Signature::raw_to_der( $signature, $spec['size'] );
			if ( null === $signature ) {
				return false;
			}
		}
		$result = openssl_verify( $input, $signature, $key->handle(), $spec['digest'] );
		Openssl_Errors::drain();
		return 1 === $result;
	}

	/**
	 * @return array<string, mixed>|null
	 */
	private static function decode_object( string $segment ): ?array {
		$json = Base64Url::decode( $segment );
		if ( null === $json || '' === $json ) {
			return null;
		}
		// Decoded once as objects to tell `{}` from `[]`, which associative decoding conflates.
		$object = json_decode( $json, false, self::JSON_DEPTH );
		if ( ! $object instanceof stdClass ) {
			return null;
		}
		return json_decode( $json, true, self::JSON_DEPTH );
	}

	/**
	 * @param array<string, mixed> $object
	 */
	private static function encode_object( array $object ): string {
		if ( array() === $object ) {
			return '{}';
		}
		if ( array_keys( $object ) === range( 0, count( $object ) - 1 ) ) {
			throw new InvalidArgumentException( 'A JWS header or payload must be a JSON object.' );
		}
		try {
			return json_encode( $object, self::JSON_FLAGS );
		} catch ( \JsonException $e ) {
			throw new InvalidArgumentException( 'The claims cannot be encoded as JSON: ' . $e->getMessage(), 0, $e );
		}
	}
}
