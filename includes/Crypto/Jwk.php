<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

use InvalidArgumentException;

/**
 * Public JWKs (RFC 7517/7518) for RSA and P-256 keys: built from OpenSSL key details, turned back
 * into SubjectPublicKeyInfo PEM for openssl_verify(), and fingerprinted per RFC 7638.
 */
final class Jwk {
	/** DER of the AlgorithmIdentifier OIDs: rsaEncryption, id-ecPublicKey and the named curves. */
	private const OID_RSA_ENCRYPTION = "\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01";
	private const OID_EC_PUBLIC_KEY  = "\x06\x07\x2a\x86\x48\xce\x3d\x02\x01";
	private const CURVES             = array(
		'P-256' => array(
			'oid'  => "\x06\x08\x2a\x86\x48\xce\x3d\x03\x01\x07",
			'size' => 32,
		),
	);

	/** RFC 7638 §3.2: the required members of each key type, in lexicographic order. */
	private const THUMBPRINT_MEMBERS = array(
		'RSA' => array( 'e', 'kty', 'n' ),
		'EC'  => array( 'crv', 'kty', 'x', 'y' ),
		'oct' => array( 'k', 'kty' ),
	);

	/**
	 * @param array<string, mixed> $details Result of openssl_pkey_get_details().
	 * @return array<string, string>
	 */
	public static function from_key_details( array $details, string $alg, string $kid ): array {
		$spec = Algorithm::spec( $alg );
		if ( null === $spec ) {
			throw new InvalidArgumentException( sprintf( 'Unsupported algorithm "%s".', $alg ) );
		}
		if ( 'RSA' === $spec['kty'] && isset( $details['rsa']['n'], $details['rsa']['e'] ) ) {
			return array(
				'kty' => 'RSA',
				'kid' => $kid,
				'use' => 'sig',
				'alg' => $alg,
				'n'   => Base64Url::encode( ltrim( $details['rsa']['n'], "\x00" ) ),
				'e'   => Base64Url::encode( ltrim( $details['rsa']['e'], "\x00" ) ),
			);
		}
		if ( 'EC' === $spec['kty'] && isset( $details['ec']['x'], $details['ec']['y'], $details['ec']['curve_name'] )
			&& $details['ec']['curve_name'] === $spec['openssl_curve'] ) {
			// OpenSSL drops leading zero bytes; RFC 7518 §6.2.1.2 wants the full coordinate width.
			return array(
				'kty' => 'EC',
				'kid' => $kid,
				'use' => 'sig',
				'alg' => $alg,
				'crv' => $spec['crv'],
				'x'   => Base64Url::encode( str_pad( $details['ec']['x'], $spec['size'], "\x00", STR_PAD_LEFT ) ),
				'y'   => Base64Url::encode( str_pad( $details['ec']['y'], $spec['size'], "\x00", STR_PAD_LEFT ) ),
			);
		}
		throw new InvalidArgumentException( sprintf( 'The key does not fit the algorithm "%s".', $alg ) );
	}

	/**
	 * @param array<string, mixed> $jwk
	 * @return string|null PEM "PUBLIC KEY", or null when the JWK is not a well-formed RSA or P-256 key.
	 */
	public static function to_public_pem( array $jwk ): ?string {
		$kty = $jwk['kty'] ?? null;
		if ( 'RSA' === $kty ) {
			$n = self::member( $jwk, 'n' );
			$e = self::member( $jwk, 'e' );
			if ( null === $n || null === $e || '' === ltrim( $n, "\x00" ) || '' === ltrim( $e, "\x00" ) ) {
				return null;
			}
			$algorithm = Der::sequence( self::OID_RSA_ENCRYPTION, Der::null_value() );
			$key       = Der::sequence( Der::unsigned_integer( $n ), Der::unsigned_integer( $e ) );
			return Der::pem( Der::sequence( $algorithm, Der::bit_string( $key ) ), 'PUBLIC KEY' );
		}
		if ( 'EC' === $kty ) {
			$curve = is_string( $jwk['crv'] ?? null ) ? ( self::CURVES[ $jwk['crv'] ] ?? null ) : null;
			$x     = self::member( $jwk, 'x' );
			$y     = self::member( $jwk, 'y' );
			if ( null === $curve || null === $x || null === $y
				|| strlen( $x ) !== $curve['size'] || strlen( $y ) !== $curve['size'] ) {
				return null;
			}
			$algorithm = Der::sequence( self::OID_EC_PUBLIC_KEY, $curve['oid'] );
			// SEC 1 uncompressed point: 0x04 || X || Y.
			return Der::pem( Der::sequence( $algorithm, Der::bit_string( "\x04" . $x . $y ) ), 'PUBLIC KEY' );
		}
		return null;
	}

	/**
	 * RFC 7638 JWK SHA-256 thumbprint, base64url.
	 *
	 * @param array<string, mixed> $jwk
	 */
	public static function thumbprint( array $jwk ): string {
		$kty = $jwk['kty'] ?? null;
		if ( ! is_string( $kty ) || ! isset( self::THUMBPRINT_MEMBERS[ $kty ] ) ) {
			throw new InvalidArgumentException( 'The JWK has no supported "kty".' );
		}
		$members = array();
		foreach ( self::THUMBPRINT_MEMBERS[ $kty ] as $name ) {
			if ( ! isset( $jwk[ $name ] ) || ! is_string( $jwk[ $name ] ) ) {
				throw new InvalidArgumentException( sprintf( 'The JWK lacks the member "%s".', $name ) );
			}
			$members[ $name ] = $jwk[ $name ];
		}
		$json = json_encode( $members, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR );
		return Base64Url::encode( hash( 'sha256', $json, true ) );
	}

	/**
	 * @param array<string, mixed> $jwk
	 */
	private static function member( array $jwk, string $name ): ?string {
		return is_string( $jwk[ $name ] ?? null ) ? Base64Url::decode( $jwk[ $name ] ) : null;
	}
}
