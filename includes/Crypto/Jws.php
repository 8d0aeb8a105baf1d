<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

use InvalidArgumentException;
use RuntimeException;
use stdClass;

/**
 * Compact JWS (RFC 7515) with JSON payloads, i.e. signed JWTs, for the algorithms in Algorithm.
 * Verification refuses rather than guesses: the caller's allow-list decides the algorithm, the
 * header's kid picks the key, and any doubt answers null.
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
		if ( null === $spec ) {
			throw new InvalidArgumentException( sprintf( 'Unsupported algorithm "%s".', $key->alg() ) );
		}
		$header = array(
			'alg' => $key->alg(),
			'typ' => $typ,
			'kid' => $key->kid(),
		);
		$input  = Base64Url::encode( self::encode_object( $header ) ) . '.' . Base64Url::encode( self::encode_object( $payload ) );

		$private = openssl_pkey_get_private( $key->private_pem() );
		if ( false === $private || ! openssl_sign( $input, $signature, $private, $spec['digest'] ) ) {
			throw new RuntimeException( 'OpenSSL could not sign: ' . self::drain_openssl_errors() );
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
	 * Reads a JWS without checking its signature: for choosing a key or a client before
	 * verifying, never for trusting its content.
	 *
	 * @return array{header: array<string, mixed>, payload: array<string, mixed>}|null
	 */
	public static function decode_unverified( string $jws ): ?array {
		$parts = self::parse( $jws );
		if ( null === $parts ) {
			return null;
		}
		return array(
			'header'  => $parts['header'],
			'payload' => $parts['payload'],
		);
	}

	/**
	 * @param array<int, array<string, mixed>> $jwks         Public JWKs the signer may have used.
	 * @param string[]                         $allowed_algs What the caller accepts for this token.
	 * @return array<string, mixed>|null The payload, or null when anything is wrong.
	 */
	public static function verify( string $jws, array $jwks, array $allowed_algs ): ?array {
		$parts = self::parse( $jws );
		if ( null === $parts ) {
			return null;
		}
		$header = $parts['header'];
		$alg    = $header['alg'] ?? null;
		if ( ! is_string( $alg ) || ! in_array( $alg, $allowed_algs, true ) || ! Algorithm::is_supported( $alg ) ) {
			return null;
		}
		// RFC 7515 §4.1.11: extensions we do not understand make the JWS invalid.
		if ( array_key_exists( 'crit', $header ) ) {
			return null;
		}
		$jwk = self::select_key( $header, $jwks, $alg );
		if ( null === $jwk ) {
			return null;
		}
		return self::signature_is_valid( $parts['input'], $parts['signature'], $jwk, $alg ) ? $parts['payload'] : null;
	}

	/**
	 * @return array{header: array<string, mixed>, payload: array<string, mixed>, input: string, signature: string}|null
	 */
	private static function parse( string $jws ): ?array {
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

	/**
	 * With a kid, the key of that kid, which must also fit the algorithm; a kid naming a key of
	 * another algorithm is refused rather than answered with some other key. Without a kid, only an
	 * unambiguous choice: exactly one key fits.
	 *
	 * @param array<string, mixed>             $header
	 * @param array<int, array<string, mixed>> $jwks
	 * @return array<string, mixed>|null
	 */
	private static function select_key( array $header, array $jwks, string $alg ): ?array {
		$jwks = array_values( array_filter( $jwks, 'is_array' ) );
		if ( array_key_exists( 'kid', $header ) ) {
			if ( ! is_string( $header['kid'] ) ) {
				return null;
			}
			foreach ( $jwks as $jwk ) {
				if ( ( $jwk['kid'] ?? null ) === $header['kid'] ) {
					return self::key_fits( $jwk, $alg ) ? $jwk : null;
				}
			}
			return null;
		}
		$fitting = array_values(
			array_filter(
				$jwks,
				static function ( array $jwk ) use ( $alg ): bool {
					return self::key_fits( $jwk, $alg );
				}
			)
		);
		return 1 === count( $fitting ) ? $fitting[0] : null;
	}

	/**
	 * @param array<string, mixed> $jwk
	 */
	private static function key_fits( array $jwk, string $alg ): bool {
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

	/**
	 * @param array<string, mixed> $jwk
	 */
	private static function signature_is_valid( string $input, string $signature, array $jwk, string $alg ): bool {
		$spec = Algorithm::spec( $alg );
		$pem  = Jwk::to_public_pem( $jwk );
		if ( null === $spec || null === $pem ) {
			return false;
		}
		$public  = openssl_pkey_get_public( $pem );
		$details = false === $public ? false : openssl_pkey_get_details( $public );
		if ( false === $details ) {
			self::drain_openssl_errors();
			return false;
		}
		if ( 'RSA' === $spec['kty'] && $details['bits'] < Algorithm::MIN_RSA_BITS ) {
			return false;
		}
		if ( 'EC' === $spec['kty'] ) {
			$signature = Ecdsa_Signature::raw_to_der( $signature, $spec['size'] );
			if ( null === $signature ) {
				return false;
			}
		}
		$result = openssl_verify( $input, $signature, $public, $spec['digest'] );
		self::drain_openssl_errors();
		return 1 === $result;
	}

	/**
	 * OpenSSL keeps errors in a queue that outlives the call; left there, they would be reported
	 * against whatever OpenSSL call comes next.
	 */
	private static function drain_openssl_errors(): string {
		$errors = array();
		while ( false !== ( $error = openssl_error_string() ) ) {
			$errors[] = $error;
		}
		return implode( '; ', $errors );
	}
}
