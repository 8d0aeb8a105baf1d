<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Crypto;

use Keystone_OIDC\Crypto\Key_Pair;

/**
 * A PS256 signer for tests (RFC 8017 EMSA-PSS-ENCODE, salt of 32 octets, then raw RSA): PHP's
 * OpenSSL functions only sign with PKCS #1 v1.5, and the plugin itself only verifies PSS.
 */
final class Test_Pss {
	public static function sign( string $input, Key_Pair $rsa ): string {
		$details = openssl_pkey_get_details( $rsa->private_key() );
		$em_bits = (int) $details['bits'] - 1;
		$em_len  = intdiv( $em_bits + 7, 8 );
		$m_hash  = hash( 'sha256', $input, true );
		$salt    = random_bytes( 32 );
		$h       = hash( 'sha256', str_repeat( "\x00", 8 ) . $m_hash . $salt, true );
		$db      = str_repeat( "\x00", $em_len - 32 - 32 - 2 ) . "\x01" . $salt;
		$mask    = '';
		for ( $counter = 0; strlen( $mask ) < strlen( $db ); $counter++ ) {
			$mask .= hash( 'sha256', $h . pack( 'N', $counter ), true );
		}
		$masked    = $db ^ substr( $mask, 0, strlen( $db ) );
		$masked[0] = chr( ord( $masked[0] ) & ( 0xff >> ( 8 * $em_len - $em_bits ) ) );
		$em        = str_pad( $masked . $h . "\xbc", intdiv( (int) $details['bits'] + 7, 8 ), "\x00", STR_PAD_LEFT );
		openssl_private_encrypt( $em, $signature, $rsa->private_key(), OPENSSL_NO_PADDING );
		return $signature;
	}
}
