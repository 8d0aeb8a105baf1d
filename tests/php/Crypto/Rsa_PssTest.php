<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Crypto;

use Keystone_OIDC\Crypto\Jws;
use Keystone_OIDC\Crypto\Key_Pair;
use Keystone_OIDC\Crypto\Public_Key;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/Test_Keys.php';
require_once __DIR__ . '/Test_Pss.php';

/**
 * PS256 verification (RFC 8017 EMSA-PSS) on moduli whose encoded message is as long as the
 * modulus (2048 bits) or one octet shorter (2049 bits).
 */
final class Rsa_PssTest extends TestCase {
	/**
	 * @return array<string,array{int}>
	 */
	public function sizes(): array {
		return array(
			'2048 bits' => array( 2048 ),
			'2049 bits' => array( 2049 ),
		);
	}

	/**
	 * @dataProvider sizes
	 */
	public function test_a_pss_signature_verifies_and_a_changed_one_does_not( int $bits ): void {
		$config = array( 'config' => dirname( __DIR__, 3 ) . '/includes/Crypto/openssl.cnf' );
		$key    = openssl_pkey_new( array( 'private_key_type' => OPENSSL_KEYTYPE_RSA, 'private_key_bits' => $bits ) + $config );
		$this->assertNotFalse( $key );
		openssl_pkey_export( $key, $pem, null, $config );
		$pair   = Key_Pair::from_private_pem( $pem, 'RS256', 'k' );
		$public = Public_Key::from_pem( $pair->public_pem(), 'k', 'PS256' );
		$this->assertNotNull( $public );

		$signature = Test_Pss::sign( 'header.payload', $pair );
		$this->assertTrue( Jws::signature_is_valid( 'header.payload', $signature, $public ) );
		$this->assertFalse( Jws::signature_is_valid( 'header.payloaD', $signature, $public ) );
		$signature[10] = chr( ord( $signature[10] ) ^ 0x01 );
		$this->assertFalse( Jws::signature_is_valid( 'header.payload', $signature, $public ) );
		$this->assertFalse( Jws::signature_is_valid( 'header.payload', substr( $signature, 1 ), $public ) );
	}

	public function test_a_pkcs1_signature_is_not_a_pss_signature(): void {
		$pair = Test_Keys::pair( 'RS256' );
		openssl_sign( 'header.payload', $signature, $pair->private_key(), 'sha256' );
		$public = Public_Key::from_pem( $pair->public_pem(), 'k', 'PS256' );
		$this->assertFalse( Jws::signature_is_valid( 'header.payload', $signature, $public ) );
	}

	public function test_the_provider_never_signs_with_pss(): void {
		$this->expectException( \InvalidArgumentException::class );
		Jws::sign( array( 'a' => 1 ), Key_Pair::from_private_pem( Test_Keys::pair( 'RS256' )->to_array()['private_pem'], 'PS256', 'k' ) );
	}
}
