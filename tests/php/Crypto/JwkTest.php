<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Crypto;

use InvalidArgumentException;
use Keystone_OIDC\Crypto\Base64Url;
use Keystone_OIDC\Crypto\Jwk;
use Keystone_OIDC\Crypto\Key_Pair;
use PHPUnit\Framework\TestCase;

final class JwkTest extends TestCase {
	/**
	 * @return array<string, array{string}>
	 */
	public function algorithms(): array {
		return array(
			'RS256' => array( 'RS256' ),
			'ES256' => array( 'ES256' ),
		);
	}

	/**
	 * The PEM built from the JWK must be byte for byte the public key OpenSSL itself exports:
	 * that checks the DER encoding against an independent encoder.
	 *
	 * @dataProvider algorithms
	 */
	public function test_public_pem_from_the_jwk_equals_the_one_openssl_exports( string $alg ): void {
		$pair    = Key_Pair::generate( $alg, 'k' );
		$details = openssl_pkey_get_details( openssl_pkey_get_private( $pair->private_pem() ) );

		$this->assertSame( $details['key'], Jwk::to_public_pem( $pair->public_jwk() ) );
	}

	public function test_ec_coordinates_with_leading_zero_bytes_keep_their_full_width(): void {
		$jwk = Jwk::from_key_details(
			array(
				'ec' => array(
					'curve_name' => 'prime256v1',
					'x'          => str_repeat( "\x01", 31 ),
					'y'          => str_repeat( "\x02", 30 ),
				),
			),
			'ES256',
			'k'
		);

		$this->assertSame( "\x00" . str_repeat( "\x01", 31 ), Base64Url::decode( $jwk['x'] ) );
		$this->assertSame( "\x00\x00" . str_repeat( "\x02", 30 ), Base64Url::decode( $jwk['y'] ) );
	}

	public function test_key_details_of_the_wrong_type_are_refused(): void {
		$details = openssl_pkey_get_details( openssl_pkey_get_private( Key_Pair::generate( 'ES256', 'k' )->private_pem() ) );

		$this->expectException( InvalidArgumentException::class );
		Jwk::from_key_details( $details, 'RS256', 'k' );
	}

	/**
	 * @return array<string, array{array<string, mixed>}>
	 */
	public function malformed_jwks(): array {
		$x = 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU';
		$y = 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0';
		return array(
			'no kty'              => array( array( 'n' => 'AQAB', 'e' => 'AQAB' ) ),
			'symmetric key'       => array( array( 'kty' => 'oct', 'k' => 'c2VjcmV0' ) ),
			'RSA without n'       => array( array( 'kty' => 'RSA', 'e' => 'AQAB' ) ),
			'RSA n not base64url' => array( array( 'kty' => 'RSA', 'n' => 'a+b/', 'e' => 'AQAB' ) ),
			'RSA n is zero'       => array( array( 'kty' => 'RSA', 'n' => 'AA', 'e' => 'AQAB' ) ),
			'RSA e not a string'  => array( array( 'kty' => 'RSA', 'n' => 'AQAB', 'e' => 65537 ) ),
			'EC other curve'      => array( array( 'kty' => 'EC', 'crv' => 'P-384', 'x' => $x, 'y' => $y ) ),
			'EC short x'          => array( array( 'kty' => 'EC', 'crv' => 'P-256', 'x' => Base64Url::encode( str_repeat( "\x01", 31 ) ), 'y' => $y ) ),
			'EC without y'        => array( array( 'kty' => 'EC', 'crv' => 'P-256', 'x' => $x ) ),
		);
	}

	/**
	 * @dataProvider malformed_jwks
	 * @param array<string, mixed> $jwk
	 */
	public function test_malformed_jwks_have_no_pem( array $jwk ): void {
		$this->assertNull( Jwk::to_public_pem( $jwk ) );
	}
}
