<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Crypto;

use Keystone_OIDC\Crypto\Key_Encryption;
use PHPUnit\Framework\TestCase;

final class Key_EncryptionTest extends TestCase {
	private const MATERIAL  = 'AUTH_KEY+SECURE_AUTH_KEY+LOGGED_IN_KEY+NONCE_KEY of some site';
	private const PLAINTEXT = "-----BEGIN PRIVATE KEY-----\nnot really a key\n-----END PRIVATE KEY-----\n";

	public function test_round_trip(): void {
		$sealed = Key_Encryption::encrypt( self::PLAINTEXT, self::MATERIAL );

		$this->assertSame( self::PLAINTEXT, Key_Encryption::decrypt( $sealed, self::MATERIAL ) );
		$this->assertStringNotContainsString( 'PRIVATE KEY', $sealed );
	}

	public function test_empty_plaintext_round_trips(): void {
		$this->assertSame( '', Key_Encryption::decrypt( Key_Encryption::encrypt( '', self::MATERIAL ), self::MATERIAL ) );
	}

	public function test_format_is_base64_of_version_iv_tag_ciphertext(): void {
		$raw = base64_decode( Key_Encryption::encrypt( self::PLAINTEXT, self::MATERIAL ), true );

		$this->assertIsString( $raw );
		$this->assertSame( "\x01", $raw[0] );
		$this->assertSame( 1 + 12 + 16 + strlen( self::PLAINTEXT ), strlen( $raw ) );
	}

	public function test_each_encryption_uses_a_fresh_iv(): void {
		$first  = base64_decode( Key_Encryption::encrypt( self::PLAINTEXT, self::MATERIAL ), true );
		$second = base64_decode( Key_Encryption::encrypt( self::PLAINTEXT, self::MATERIAL ), true );

		$this->assertNotSame( substr( $first, 1, 12 ), substr( $second, 1, 12 ) );
		$this->assertNotSame( $first, $second );
	}

	public function test_wrong_key_material_yields_null(): void {
		$sealed = Key_Encryption::encrypt( self::PLAINTEXT, self::MATERIAL );

		$this->assertNull( Key_Encryption::decrypt( $sealed, self::MATERIAL . 'x' ) );
		$this->assertNull( Key_Encryption::decrypt( $sealed, '' ) );
	}

	/**
	 * @return array<string, array{int}>
	 */
	public function tampered_offsets(): array {
		return array(
			'version byte'          => array( 0 ),
			'first iv byte'         => array( 1 ),
			'last iv byte'          => array( 12 ),
			'first tag byte'        => array( 13 ),
			'last tag byte'         => array( 28 ),
			'first ciphertext byte' => array( 29 ),
			'last ciphertext byte'  => array( -1 ),
		);
	}

	/**
	 * @dataProvider tampered_offsets
	 */
	public function test_any_flipped_bit_yields_null( int $offset ): void {
		$raw = base64_decode( Key_Encryption::encrypt( self::PLAINTEXT, self::MATERIAL ), true );
		$at  = $offset < 0 ? strlen( $raw ) + $offset : $offset;

		$raw[ $at ] = chr( ord( $raw[ $at ] ) ^ 0x01 );

		$this->assertNull( Key_Encryption::decrypt( base64_encode( $raw ), self::MATERIAL ) );
	}

	public function test_truncated_or_extended_ciphertext_yields_null(): void {
		$raw = base64_decode( Key_Encryption::encrypt( self::PLAINTEXT, self::MATERIAL ), true );

		$this->assertNull( Key_Encryption::decrypt( base64_encode( substr( $raw, 0, -1 ) ), self::MATERIAL ) );
		$this->assertNull( Key_Encryption::decrypt( base64_encode( $raw . 'x' ), self::MATERIAL ) );
		$this->assertNull( Key_Encryption::decrypt( base64_encode( substr( $raw, 0, 28 ) ), self::MATERIAL ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function not_sealed(): array {
		return array(
			'empty'      => array( '' ),
			'not base64' => array( '***' ),
			'plaintext'  => array( self::PLAINTEXT ),
		);
	}

	/**
	 * @dataProvider not_sealed
	 */
	public function test_input_that_was_never_sealed_yields_null( string $input ): void {
		$this->assertNull( Key_Encryption::decrypt( $input, self::MATERIAL ) );
	}
}
