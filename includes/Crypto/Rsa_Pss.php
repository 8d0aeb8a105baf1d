<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

/**
 * RSASSA-PSS signature check (RFC 8017 §8.1.2, EMSA-PSS-VERIFY §9.1.2) with MGF1, for PS256. PHP's
 * `openssl_verify()` only knows PKCS #1 v1.5 padding, so OpenSSL does the raw RSA operation
 * (RSAVP1, no padding) and the encoding is checked here.
 */
final class Rsa_Pss {
	/**
	 * @param \OpenSSLAsymmetricKey|resource $public_key An RSA public key.
	 * @param string                         $digest     Hash for the message and MGF1 (`sha256`).
	 * @param int                            $salt_length Octets of salt the signer used.
	 */
	public static function verify( string $message, string $signature, $public_key, string $digest, int $salt_length ): bool {
		$details = openssl_pkey_get_details( $public_key );
		if ( false === $details || ! isset( $details['bits'], $details['rsa']['n'] ) ) {
			Openssl_Errors::drain();
			return false;
		}
		$modulus_bytes = strlen( ltrim( $details['rsa']['n'], "\x00" ) );
		if ( strlen( $signature ) !== $modulus_bytes ) {
			return false;
		}
		$decrypted = '';
		$ok        = openssl_public_decrypt( $signature, $decrypted, $public_key, OPENSSL_NO_PADDING );
		Openssl_Errors::drain();
		if ( ! $ok ) {
			return false;
		}
		$em_bits = (int) $details['bits'] - 1;
		$em_len  = intdiv( $em_bits + 7, 8 );
		$leading = strlen( $decrypted ) - $em_len;
		if ( $leading < 0 || ( $leading > 0 && str_repeat( "\x00", $leading ) !== substr( $decrypted, 0, $leading ) ) ) {
			return false;
		}
		return self::encoding_is_valid( hash( $digest, $message, true ), (string) substr( $decrypted, $leading ), $em_bits, $digest, $salt_length );
	}

	/**
	 * EMSA-PSS-VERIFY, steps 3–14.
	 */
	private static function encoding_is_valid( string $message_hash, string $em, int $em_bits, string $digest, int $salt_length ): bool {
		$hash_length = strlen( $message_hash );
		$em_len      = strlen( $em );
		if ( $em_len < $hash_length + $salt_length + 2 || "\xbc" !== substr( $em, -1 ) ) {
			return false;
		}
		$masked_db  = substr( $em, 0, $em_len - $hash_length - 1 );
		$h          = substr( $em, $em_len - $hash_length - 1, $hash_length );
		$top_mask   = chr( 0xff >> ( 8 * $em_len - $em_bits ) );
		$unused_top = chr( ord( $masked_db[0] ) & ~ord( $top_mask ) & 0xff );
		if ( "\x00" !== $unused_top ) {
			return false;
		}
		$db    = $masked_db ^ self::mgf1( $h, strlen( $masked_db ), $digest );
		$db[0] = chr( ord( $db[0] ) & ord( $top_mask ) );
		$zeros = $em_len - $hash_length - $salt_length - 2;
		if ( str_repeat( "\x00", $zeros ) !== substr( $db, 0, $zeros ) || "\x01" !== $db[ $zeros ] ) {
			return false;
		}
		$salt = substr( $db, -$salt_length );
		return hash_equals( $h, hash( $digest, str_repeat( "\x00", 8 ) . $message_hash . $salt, true ) );
	}

	/**
	 * RFC 8017 B.2.1.
	 */
	private static function mgf1( string $seed, int $length, string $digest ): string {
		$mask = '';
		for ( $counter = 0; strlen( $mask ) < $length; $counter++ ) {
			$mask .= hash( $digest, $seed . pack( 'N', $counter ), true );
		}
		return substr( $mask, 0, $length );
	}
}
