<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Crypto;

use Keystone_OIDC\Crypto\Base64Url;
use PHPUnit\Framework\TestCase;

final class Base64UrlTest extends TestCase {
	/**
	 * RFC 4648 §10 test vectors, with the padding that base64url in JOSE leaves out.
	 *
	 * @return array<string, array{string, string}>
	 */
	public function rfc4648_vectors(): array {
		return array(
			'empty'  => array( '', '' ),
			'f'      => array( 'f', 'Zg' ),
			'fo'     => array( 'fo', 'Zm8' ),
			'foo'    => array( 'foo', 'Zm9v' ),
			'foob'   => array( 'foob', 'Zm9vYg' ),
			'fooba'  => array( 'fooba', 'Zm9vYmE' ),
			'foobar' => array( 'foobar', 'Zm9vYmFy' ),
		);
	}

	/**
	 * @dataProvider rfc4648_vectors
	 */
	public function test_encodes_the_rfc_4648_vectors_without_padding( string $binary, string $encoded ): void {
		$this->assertSame( $encoded, Base64Url::encode( $binary ) );
	}

	/**
	 * @dataProvider rfc4648_vectors
	 */
	public function test_decodes_the_rfc_4648_vectors( string $binary, string $encoded ): void {
		$this->assertSame( $binary, Base64Url::decode( $encoded ) );
	}

	public function test_rfc_7515_appendix_c_example_uses_the_url_safe_alphabet(): void {
		$octets = pack( 'C*', 3, 236, 255, 224, 193 );

		$this->assertSame( 'A-z_4ME', Base64Url::encode( $octets ) );
		$this->assertSame( $octets, Base64Url::decode( 'A-z_4ME' ) );
	}

	public function test_round_trips_every_byte_value(): void {
		$all = implode( '', array_map( 'chr', range( 0, 255 ) ) );

		$this->assertSame( $all, Base64Url::decode( Base64Url::encode( $all ) ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function invalid_texts(): array {
		return array(
			'padding'                     => array( 'Zg==' ),
			'standard alphabet plus'      => array( 'A+z_4ME' ),
			'standard alphabet slash'     => array( 'A-z/4ME' ),
			'whitespace'                  => array( 'Zm9v YmFy' ),
			'newline'                     => array( "Zm9v\nYmFy" ),
			'impossible length'           => array( 'Zm9vY' ),
			'other character'             => array( 'Zm9v!' ),
			'non-canonical trailing bits' => array( 'Zh' ),
		);
	}

	/**
	 * @dataProvider invalid_texts
	 */
	public function test_refuses_what_is_not_strict_base64url( string $text ): void {
		$this->assertNull( Base64Url::decode( $text ) );
	}
}
