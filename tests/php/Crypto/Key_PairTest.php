<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Crypto;

use InvalidArgumentException;
use Keystone_OIDC\Crypto\Base64Url;
use Keystone_OIDC\Crypto\Key_Pair;
use PHPUnit\Framework\TestCase;

final class Key_PairTest extends TestCase {
	/** @var array<string, Key_Pair> Generated once: RSA generation is the slow part of this suite. */
	private static $pairs = array();

	private static function pair( string $alg ): Key_Pair {
		if ( ! isset( self::$pairs[ $alg ] ) ) {
			self::$pairs[ $alg ] = Key_Pair::generate( $alg, 'kid-' . $alg );
		}
		return self::$pairs[ $alg ];
	}

	public function test_rs256_key_is_rsa_2048_with_a_public_only_jwk(): void {
		$pair = self::pair( 'RS256' );
		$jwk  = $pair->public_jwk();

		$this->assertSame( 'kid-RS256', $pair->kid() );
		$this->assertSame( 'RS256', $pair->alg() );
		$this->assertSame( array( 'kty', 'kid', 'use', 'alg', 'n', 'e' ), array_keys( $jwk ) );
		$this->assertSame( 'RSA', $jwk['kty'] );
		$this->assertSame( 'kid-RS256', $jwk['kid'] );
		$this->assertSame( 'sig', $jwk['use'] );
		$this->assertSame( 'RS256', $jwk['alg'] );
		$this->assertSame( 'AQAB', $jwk['e'] );
		$this->assertSame( 256, strlen( (string) Base64Url::decode( $jwk['n'] ) ) );

		$details = openssl_pkey_get_details( openssl_pkey_get_private( $pair->private_pem() ) );
		$this->assertSame( OPENSSL_KEYTYPE_RSA, $details['type'] );
		$this->assertSame( 2048, $details['bits'] );
	}

	public function test_es256_key_is_p256_with_fixed_width_coordinates(): void {
		$pair = self::pair( 'ES256' );
		$jwk  = $pair->public_jwk();

		$this->assertSame( array( 'kty', 'kid', 'use', 'alg', 'crv', 'x', 'y' ), array_keys( $jwk ) );
		$this->assertSame( 'EC', $jwk['kty'] );
		$this->assertSame( 'sig', $jwk['use'] );
		$this->assertSame( 'ES256', $jwk['alg'] );
		$this->assertSame( 'P-256', $jwk['crv'] );
		$this->assertSame( 32, strlen( (string) Base64Url::decode( $jwk['x'] ) ) );
		$this->assertSame( 32, strlen( (string) Base64Url::decode( $jwk['y'] ) ) );

		$details = openssl_pkey_get_details( openssl_pkey_get_private( $pair->private_pem() ) );
		$this->assertSame( 'prime256v1', $details['ec']['curve_name'] );
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_the_public_halves_come_straight_from_the_private_key( string $alg ): void {
		$pair    = self::pair( $alg );
		$details = openssl_pkey_get_details( openssl_pkey_get_private( $pair->private_pem() ) );

		$this->assertSame( $details['key'], $pair->public_pem() );
		$this->assertSame( $pair->kid(), $pair->public_key()->kid() );
		$this->assertSame( $alg, $pair->public_key()->alg() );
		$this->assertSame( $details['key'], openssl_pkey_get_details( $pair->public_key()->handle() )['key'] );
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_the_keys_are_parsed_once_per_pair( string $alg ): void {
		$pair = self::pair( $alg );

		$this->assertSame( $pair->private_key(), $pair->private_key() );
		$this->assertSame( $pair->public_key(), $pair->public_key() );
	}

	public function test_each_generated_key_is_new(): void {
		$this->assertNotSame( self::pair( 'ES256' )->public_jwk()['x'], Key_Pair::generate( 'ES256', 'other' )->public_jwk()['x'] );
	}

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
	 * @dataProvider algorithms
	 */
	public function test_to_array_and_from_array_are_inverse( string $alg ): void {
		$pair = self::pair( $alg );
		$data = $pair->to_array();

		$this->assertSame( array( 'kid', 'alg', 'private_pem', 'public_jwk' ), array_keys( $data ) );
		$this->assertStringContainsString( 'PRIVATE KEY', $data['private_pem'] );
		$this->assertSame( $data, Key_Pair::from_array( $data )->to_array() );
	}

	public function test_from_array_accepts_the_public_jwk_members_in_any_order(): void {
		$data               = self::pair( 'RS256' )->to_array();
		$data['public_jwk'] = array_reverse( $data['public_jwk'], true );

		$this->assertSame( self::pair( 'RS256' )->public_jwk(), Key_Pair::from_array( $data )->public_jwk() );
	}

	public function test_from_array_refuses_a_public_jwk_with_an_extra_member(): void {
		$data                    = self::pair( 'ES256' )->to_array();
		$data['public_jwk']['d'] = 'private scalar must never be published';

		$this->expectException( InvalidArgumentException::class );
		Key_Pair::from_array( $data );
	}

	public function test_from_array_refuses_a_public_jwk_of_another_key(): void {
		$data               = self::pair( 'ES256' )->to_array();
		$data['public_jwk'] = Key_Pair::generate( 'ES256', $data['kid'] )->public_jwk();

		$this->expectException( InvalidArgumentException::class );
		Key_Pair::from_array( $data );
	}

	public function test_from_array_refuses_a_kid_that_differs_from_the_public_jwk(): void {
		$data        = self::pair( 'ES256' )->to_array();
		$data['kid'] = 'renamed';

		$this->expectException( InvalidArgumentException::class );
		Key_Pair::from_array( $data );
	}

	/**
	 * @return array<string, array{array<string, mixed>}>
	 */
	public function broken_data(): array {
		return array(
			'no kid'           => array( array( 'kid' => null ) ),
			'kid not a string' => array( array( 'kid' => 7 ) ),
			'no alg'           => array( array( 'alg' => null ) ),
			'no private_pem'   => array( array( 'private_pem' => null ) ),
			'no public_jwk'    => array( array( 'public_jwk' => null ) ),
			'empty kid'        => array( array( 'kid' => '' ) ),
			'garbage pem'      => array( array( 'private_pem' => "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n" ) ),
			'wrong alg'        => array( array( 'alg' => 'RS256' ) ),
			'unknown alg'      => array( array( 'alg' => 'HS256' ) ),
		);
	}

	/**
	 * @dataProvider broken_data
	 * @param array<string, mixed> $override Fields to replace; null removes the field.
	 */
	public function test_from_array_refuses_broken_data( array $override ): void {
		$data = self::pair( 'ES256' )->to_array();
		foreach ( $override as $field => $value ) {
			if ( null === $value ) {
				unset( $data[ $field ] );
			} else {
				$data[ $field ] = $value;
			}
		}

		$this->expectException( InvalidArgumentException::class );
		Key_Pair::from_array( $data );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function unsupported_algorithms(): array {
		return array(
			'none'  => array( 'none' ),
			'HS256' => array( 'HS256' ),
			'RS384' => array( 'RS384' ),
			'empty' => array( '' ),
		);
	}

	/**
	 * @dataProvider unsupported_algorithms
	 */
	public function test_generate_refuses_an_unsupported_algorithm( string $alg ): void {
		$this->expectException( InvalidArgumentException::class );
		Key_Pair::generate( $alg, 'kid' );
	}

	public function test_generate_refuses_an_empty_kid(): void {
		$this->expectException( InvalidArgumentException::class );
		Key_Pair::generate( 'ES256', '' );
	}

	public function test_an_rsa_key_under_2048_bits_is_refused(): void {
		$small = openssl_pkey_new(
			array(
				'private_key_type' => OPENSSL_KEYTYPE_RSA,
				'private_key_bits' => 1024,
			)
		);
		openssl_pkey_export( $small, $pem );

		$this->expectException( InvalidArgumentException::class );
		Key_Pair::from_private_pem( $pem, 'RS256', 'small' );
	}

	public function test_thumbprint_of_the_rfc_7638_example(): void {
		// RFC 7638 §3.1; members other than the required ones (alg, kid) do not count.
		$jwk = array(
			'kty' => 'RSA',
			'n'   => '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
			'e'   => 'AQAB',
			'alg' => 'RS256',
			'kid' => '2011-04-29',
		);

		$this->assertSame( 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs', Key_Pair::thumbprint_kid( $jwk ) );
	}

	public function test_thumbprint_of_an_ec_key_matches_panva_jose(): void {
		// The RFC 7515 A.3 public key; expected value computed with jose's calculateJwkThumbprint().
		$jwk = array(
			'kid' => 'ignored',
			'y'   => 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
			'x'   => 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
			'crv' => 'P-256',
			'kty' => 'EC',
		);

		$this->assertSame( 'oKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U', Key_Pair::thumbprint_kid( $jwk ) );
	}

	public function test_thumbprint_refuses_a_jwk_without_its_required_members(): void {
		$this->expectException( InvalidArgumentException::class );
		Key_Pair::thumbprint_kid(
			array(
				'kty' => 'EC',
				'crv' => 'P-256',
				'x'   => 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
			)
		);
	}

	public function test_debug_output_never_shows_the_private_key(): void {
		$dump = print_r( self::pair( 'ES256' ), true );

		$this->assertStringNotContainsString( 'PRIVATE KEY', $dump );
		$this->assertStringContainsString( 'kid-ES256', $dump );
	}
}
