<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

/**
 * The JWS algorithms this plugin signs and verifies with, and what each one needs. Anything not
 * listed here (including `none` and every HMAC algorithm) is never accepted. PS256 is verified
 * only (client assertions, RFC 7523): this provider signs its own tokens with RS256 and ES256.
 */
final class Algorithm {
	const RS256 = 'RS256';
	const ES256 = 'ES256';
	const PS256 = 'PS256';

	const MIN_RSA_BITS = 2048;

	private const SPECS = array(
		self::RS256 => array(
			'kty'    => 'RSA',
			'digest' => 'sha256',
		),
		self::ES256 => array(
			'kty'           => 'EC',
			'digest'        => 'sha256',
			'crv'           => 'P-256',
			'openssl_curve' => 'prime256v1',
			'size'          => 32,
		),
		// RFC 7518 §3.5: RSASSA-PSS with SHA-256, MGF1 with SHA-256, a salt as long as the hash.
		self::PS256 => array(
			'kty'    => 'RSA',
			'digest' => 'sha256',
			'pss'    => 32,
		),
	);

	/**
	 * @return string[]
	 */
	public static function supported(): array {
		return array_keys( self::SPECS );
	}

	public static function is_supported( string $alg ): bool {
		return isset( self::SPECS[ $alg ] );
	}

	/**
	 * @return array{kty: string, digest: string, crv?: string, openssl_curve?: string, size?: int, pss?: int}|null
	 */
	public static function spec( string $alg ): ?array {
		return self::SPECS[ $alg ] ?? null;
	}
}
