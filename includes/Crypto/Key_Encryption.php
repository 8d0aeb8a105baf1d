<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

use RuntimeException;

/**
 * Seals private keys at rest with AES-256-GCM. The key is SHA-256 of the caller's key material
 * (site salts), so the stored value is useless without the site's configuration. The version byte
 * is authenticated too, so a later format can be told apart and cannot be swapped in.
 */
final class Key_Encryption {
	private const VERSION    = "\x01";
	private const CIPHER     = 'aes-256-gcm';
	private const IV_BYTES   = 12;
	private const TAG_BYTES  = 16;
	private const HEAD_BYTES = 1 + self::IV_BYTES + self::TAG_BYTES;

	/**
	 * @return string base64 of version || iv || tag || ciphertext.
	 * @throws RuntimeException When OpenSSL cannot encrypt.
	 */
	public static function encrypt( string $plaintext, string $key_material ): string {
		$iv         = random_bytes( self::IV_BYTES );
		$tag        = '';
		$ciphertext = openssl_encrypt( $plaintext, self::CIPHER, self::key( $key_material ), OPENSSL_RAW_DATA, $iv, $tag, self::VERSION, self::TAG_BYTES );
		if ( false === $ciphertext ) {
			throw new RuntimeException( 'OpenSSL could not encrypt.' );
		}
		return base64_encode( self::VERSION . $iv . $tag . $ciphertext );
	}

	public static function decrypt( string $sealed, string $key_material ): ?string {
		$raw = base64_decode( $sealed, true );
		if ( false === $raw || strlen( $raw ) < self::HEAD_BYTES || self::VERSION !== $raw[0] ) {
			return null;
		}
		$iv         = substr( $raw, 1, self::IV_BYTES );
		$tag        = substr( $raw, 1 + self::IV_BYTES, self::TAG_BYTES );
		$ciphertext = (string) substr( $raw, self::HEAD_BYTES );
		$plaintext  = openssl_decrypt( $ciphertext, self::CIPHER, self::key( $key_material ), OPENSSL_RAW_DATA, $iv, $tag, self::VERSION );
		return false === $plaintext ? null : $plaintext;
	}

	private static function key( string $key_material ): string {
		return hash( 'sha256', $key_material, true );
	}
}
