<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Crypto;

use InvalidArgumentException;
use Keystone_OIDC\Crypto\Base64Url;
use Keystone_OIDC\Crypto\Ecdsa_Signature;
use Keystone_OIDC\Crypto\Jwk;
use Keystone_OIDC\Crypto\Jws;
use Keystone_OIDC\Crypto\Key_Pair;
use Keystone_OIDC\Crypto\Public_Key;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/Test_Keys.php';

final class JwsTest extends TestCase {
	/** RFC 7515 Appendix A.2: RS256 example, and the public half of its key. */
	private const RFC7515_A2_JWS = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw';
	private const RFC7515_A2_JWK = array(
		'kty' => 'RSA',
		'n'   => 'ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ',
		'e'   => 'AQAB',
	);

	/** RFC 7515 Appendix A.3: ES256 example, and the public half of its key. */
	private const RFC7515_A3_JWS = 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q';
	private const RFC7515_A3_JWK = array(
		'kty' => 'EC',
		'crv' => 'P-256',
		'x'   => 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
		'y'   => 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
	);

	private const RFC7515_PAYLOAD = array(
		'iss'                        => 'joe',
		'exp'                        => 1300819380,
		'http://example.com/is_root' => true,
	);

	private const CLAIMS = array(
		'iss'  => 'https://example.test/wp/',
		'sub'  => '1',
		'aud'  => 'client-1',
		'exp'  => 1900000000,
		'name' => 'Zoë Ünïcode',
	);

	private static function pair( string $alg, string $kid = '' ): Key_Pair {
		return Test_Keys::pair( $alg, $kid );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function algorithms(): array {
		return Test_Keys::algorithms();
	}

	public function test_the_rfc_7515_a2_signature_is_valid_under_its_key(): void {
		$parts = Jws::decode( self::RFC7515_A2_JWS );

		$this->assertNotNull( $parts );
		$this->assertTrue( Jws::signature_is_valid( $parts['input'], $parts['signature'], self::public_key( self::RFC7515_A2_JWK, 'RS256' ) ) );
	}

	public function test_the_rfc_7515_a3_signature_is_valid_under_its_key(): void {
		$parts = Jws::decode( self::RFC7515_A3_JWS );

		$this->assertNotNull( $parts );
		$this->assertTrue( Jws::signature_is_valid( $parts['input'], $parts['signature'], self::public_key( self::RFC7515_A3_JWK, 'ES256' ) ) );
	}

	public function test_rfc_examples_fail_with_one_signature_bit_flipped(): void {
		foreach ( array( array( self::RFC7515_A2_JWS, self::RFC7515_A2_JWK, 'RS256' ), array( self::RFC7515_A3_JWS, self::RFC7515_A3_JWK, 'ES256' ) ) as list( $jws, $jwk, $alg ) ) {
			$parts                 = (array) Jws::decode( $jws );
			$parts['signature'][5] = chr( ord( $parts['signature'][5] ) ^ 0x01 );

			$this->assertFalse( Jws::signature_is_valid( $parts['input'], $parts['signature'], self::public_key( $jwk, $alg ) ), $alg );
		}
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_sign_then_check_round_trips( string $alg ): void {
		$key   = self::pair( $alg );
		$parts = Jws::decode( Jws::sign( self::CLAIMS, $key ) );

		$this->assertSame( self::CLAIMS, $parts['payload'] ?? null );
		$this->assertTrue( Jws::signature_is_valid( $parts['input'] ?? '', $parts['signature'] ?? '', $key->public_key() ) );
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_another_keys_signature_is_not_valid( string $alg ): void {
		$parts = (array) Jws::decode( Jws::sign( self::CLAIMS, self::pair( $alg ) ) );

		$this->assertFalse( Jws::signature_is_valid( $parts['input'], $parts['signature'], self::pair( $alg, 'other-' . $alg )->public_key() ) );
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_header_is_alg_typ_kid( string $alg ): void {
		$key     = self::pair( $alg );
		$decoded = Jws::decode( Jws::sign( self::CLAIMS, $key, 'at+jwt' ) );

		$this->assertSame(
			array(
				'alg' => $alg,
				'typ' => 'at+jwt',
				'kid' => 'kid-' . $alg,
			),
			$decoded['header'] ?? null
		);
		$this->assertSame( self::CLAIMS, $decoded['payload'] ?? null );
	}

	public function test_es256_signature_is_raw_r_and_s(): void {
		$parts = explode( '.', Jws::sign( self::CLAIMS, self::pair( 'ES256' ) ) );

		$this->assertSame( 64, strlen( (string) Base64Url::decode( $parts[2] ) ) );
	}

	public function test_es256_signature_in_der_form_is_not_valid(): void {
		$key   = self::pair( 'ES256' );
		$parts = (array) Jws::decode( Jws::sign( self::CLAIMS, $key ) );

		$this->assertFalse( Jws::signature_is_valid( $parts['input'], (string) Ecdsa_Signature::raw_to_der( $parts['signature'], 32 ), $key->public_key() ) );
	}

	public function test_rs256_signature_is_deterministic_and_256_bytes(): void {
		$key = self::pair( 'RS256' );
		$jws = Jws::sign( self::CLAIMS, $key );

		$this->assertSame( $jws, Jws::sign( self::CLAIMS, $key ) );
		$this->assertSame( 256, strlen( (string) Base64Url::decode( explode( '.', $jws )[2] ) ) );
	}

	public function test_payload_keeps_slashes_and_unicode_unescaped(): void {
		$parts = explode( '.', Jws::sign( self::CLAIMS, self::pair( 'ES256' ) ) );

		$this->assertStringContainsString( '"iss":"https://example.test/wp/"', (string) Base64Url::decode( $parts[1] ) );
		$this->assertStringContainsString( '"name":"Zoë Ünïcode"', (string) Base64Url::decode( $parts[1] ) );
	}

	public function test_empty_claims_are_an_empty_json_object(): void {
		$parts = explode( '.', Jws::sign( array(), self::pair( 'ES256' ) ) );

		$this->assertSame( '{}', Base64Url::decode( $parts[1] ) );
		$this->assertSame( array(), Jws::decode( implode( '.', $parts ) )['payload'] ?? null );
	}

	public function test_sign_refuses_a_list_as_payload(): void {
		$this->expectException( InvalidArgumentException::class );
		Jws::sign( array( 'a', 'b' ), self::pair( 'ES256' ) );
	}

	public function test_sign_refuses_claims_that_are_not_json(): void {
		$this->expectException( InvalidArgumentException::class );
		Jws::sign( array( 'bad' => "\xff\xfe" ), self::pair( 'ES256' ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function malformed_tokens(): array {
		$header  = Base64Url::encode( '{"alg":"RS256","kid":"kid-RS256"}' );
		$payload = Base64Url::encode( '{"sub":"1"}' );
		return array(
			'empty'                => array( '' ),
			'one segment'          => array( $header ),
			'two segments'         => array( $header . '.' . $payload ),
			'four segments'        => array( $header . '.' . $payload . '.c2ln.c2ln' ),
			'JWE-like five'        => array( $header . '...' . $payload . '.' ),
			'header not base64url' => array( '***.' . $payload . '.c2ln' ),
			'padded header'        => array( Base64Url::encode( '{"alg":"RS256"}' ) . '=.' . $payload . '.c2ln' ),
			'header not JSON'      => array( Base64Url::encode( 'alg=RS256' ) . '.' . $payload . '.c2ln' ),
			'header a JSON list'   => array( Base64Url::encode( '["RS256"]' ) . '.' . $payload . '.c2ln' ),
			'header a JSON string' => array( Base64Url::encode( '"RS256"' ) . '.' . $payload . '.c2ln' ),
			'header empty'         => array( '.' . $payload . '.c2ln' ),
			'payload not JSON'     => array( $header . '.' . Base64Url::encode( 'hello' ) . '.c2ln' ),
			'payload a JSON list'  => array( $header . '.' . Base64Url::encode( '[]' ) . '.c2ln' ),
			'payload JSON number'  => array( $header . '.' . Base64Url::encode( '42' ) . '.c2ln' ),
			'signature not base64' => array( $header . '.' . $payload . '.c2ln+' ),
			'payload too deep'     => array( $header . '.' . Base64Url::encode( str_repeat( '{"a":', 70 ) . '1' . str_repeat( '}', 70 ) ) . '.c2ln' ),
		);
	}

	/**
	 * @dataProvider malformed_tokens
	 */
	public function test_malformed_tokens_do_not_decode( string $jws ): void {
		$this->assertNull( Jws::decode( $jws ) );
	}

	public function test_decode_reads_a_token_whatever_its_signature(): void {
		$parts = explode( '.', Jws::sign( self::CLAIMS, self::pair( 'ES256' ) ) );

		$decoded = Jws::decode( $parts[0] . '.' . $parts[1] . '.' . Base64Url::encode( 'not the signature' ) );

		$this->assertSame( self::CLAIMS, $decoded['payload'] ?? null );
		$this->assertSame( 'kid-ES256', $decoded['header']['kid'] ?? null );
		$this->assertSame( 'not the signature', $decoded['signature'] ?? null );
	}

	public function test_decode_of_the_rfc_example(): void {
		$decoded = Jws::decode( self::RFC7515_A2_JWS );

		$this->assertSame( array( 'alg' => 'RS256' ), $decoded['header'] ?? null );
		$this->assertSame( self::RFC7515_PAYLOAD, $decoded['payload'] ?? null );
		$this->assertSame( explode( '.', self::RFC7515_A2_JWS )[0] . '.' . explode( '.', self::RFC7515_A2_JWS )[1], $decoded['input'] ?? null );
	}

	/**
	 * @param array<string, string> $jwk
	 */
	private static function public_key( array $jwk, string $alg ): Public_Key {
		$key = Public_Key::from_pem( (string) Jwk::to_public_pem( $jwk ), 'rfc', $alg );
		if ( null === $key ) {
			throw new \RuntimeException( 'The RFC key does not parse.' );
		}
		return $key;
	}
}
