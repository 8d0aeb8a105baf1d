<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Crypto;

use Keystone_OIDC\Crypto\Ecdsa_Signature;
use PHPUnit\Framework\TestCase;

final class Ecdsa_SignatureTest extends TestCase {
	public function test_high_bit_integers_gain_a_zero_byte_in_der_and_lose_it_in_raw(): void {
		$raw = str_repeat( "\xff", 32 ) . str_repeat( "\x80", 32 );
		$der = Ecdsa_Signature::raw_to_der( $raw, 32 );

		$this->assertSame( "\x30\x46\x02\x21\x00" . str_repeat( "\xff", 32 ) . "\x02\x21\x00" . str_repeat( "\x80", 32 ), $der );
		$this->assertSame( $raw, Ecdsa_Signature::der_to_raw( (string) $der, 32 ) );
	}

	public function test_short_integers_are_left_padded_to_the_coordinate_size(): void {
		$raw = str_repeat( "\x00", 31 ) . "\x01" . "\x00\x00" . str_repeat( "\x7f", 30 );
		$der = Ecdsa_Signature::raw_to_der( $raw, 32 );

		$this->assertSame( "\x30\x23\x02\x01\x01\x02\x1e" . str_repeat( "\x7f", 30 ), $der );
		$this->assertSame( $raw, Ecdsa_Signature::der_to_raw( (string) $der, 32 ) );
	}

	public function test_openssl_signatures_convert_both_ways(): void {
		$key = openssl_pkey_new(
			array(
				'private_key_type' => OPENSSL_KEYTYPE_EC,
				'curve_name'       => 'prime256v1',
			)
		);
		openssl_sign( 'message', $der, $key, 'sha256' );

		$raw = Ecdsa_Signature::der_to_raw( $der, 32 );

		$this->assertSame( 64, strlen( (string) $raw ) );
		$this->assertSame( $der, Ecdsa_Signature::raw_to_der( (string) $raw, 32 ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function malformed_der(): array {
		$valid = (string) Ecdsa_Signature::raw_to_der( str_repeat( "\x11", 64 ), 32 );
		return array(
			'empty'              => array( '' ),
			'trailing byte'      => array( $valid . "\x00" ),
			'truncated'          => array( substr( $valid, 0, -1 ) ),
			'not a sequence'     => array( "\x31" . substr( $valid, 1 ) ),
			'one integer'        => array( "\x30\x03\x02\x01\x01" ),
			'integer too long'   => array( "\x30\x26\x02\x21\x01" . str_repeat( "\x11", 32 ) . "\x02\x01\x01" ),
			'non-minimal length' => array( "\x30\x81\x06\x02\x01\x01\x02\x01\x01" ),
		);
	}

	/**
	 * @dataProvider malformed_der
	 */
	public function test_malformed_der_yields_null( string $der ): void {
		$this->assertNull( Ecdsa_Signature::der_to_raw( $der, 32 ) );
	}

	public function test_raw_of_the_wrong_length_yields_null(): void {
		$this->assertNull( Ecdsa_Signature::raw_to_der( str_repeat( "\x11", 63 ), 32 ) );
		$this->assertNull( Ecdsa_Signature::raw_to_der( str_repeat( "\x11", 65 ), 32 ) );
	}
}
