<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Crypto;

use Keystone_OIDC\Crypto\Key_Pair;
use Keystone_OIDC\Crypto\Public_Key;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/Test_Keys.php';

final class Public_KeyTest extends TestCase {
	private static function pem( string $alg ): string {
		return Test_Keys::pair( $alg )->public_pem();
	}

	public function test_a_key_of_its_algorithm_is_read_with_its_kid(): void {
		$key = Public_Key::from_pem( self::pem( 'ES256' ), 'k-1', 'ES256' );

		$this->assertNotNull( $key );
		$this->assertSame( 'k-1', $key->kid() );
		$this->assertSame( 'ES256', $key->alg() );
	}

	public function test_a_key_of_another_type_does_not_fit(): void {
		$this->assertNull( Public_Key::from_pem( self::pem( 'ES256' ), 'k', 'RS256' ) );
		$this->assertNull( Public_Key::from_pem( self::pem( 'RS256' ), 'k', 'ES256' ) );
	}

	public function test_an_ec_key_on_another_curve_does_not_fit(): void {
		$p384 = openssl_pkey_new(
			array(
				'private_key_type' => OPENSSL_KEYTYPE_EC,
				'curve_name'       => 'secp384r1',
				'config'           => Key_Pair::openssl_config(),
			)
		);

		$this->assertNull( Public_Key::from_pem( openssl_pkey_get_details( $p384 )['key'], 'k', 'ES256' ) );
	}

	public function test_an_rsa_key_under_2048_bits_does_not_fit(): void {
		$small = openssl_pkey_new(
			array(
				'private_key_type' => OPENSSL_KEYTYPE_RSA,
				'private_key_bits' => 1024,
				'config'           => Key_Pair::openssl_config(),
			)
		);

		$this->assertNull( Public_Key::from_pem( openssl_pkey_get_details( $small )['key'], 'k', 'RS256' ) );
	}

	public function test_what_is_not_a_key_or_not_an_algorithm_is_refused(): void {
		$this->assertNull( Public_Key::from_pem( 'not a key', 'k', 'RS256' ) );
		$this->assertNull( Public_Key::from_pem( self::pem( 'RS256' ), 'k', 'HS256' ) );
		$this->assertFalse( openssl_error_string(), 'the OpenSSL error queue is left empty' );
	}
}
