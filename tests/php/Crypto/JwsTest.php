<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Crypto;

use InvalidArgumentException;
use Keystone_OIDC\Crypto\Base64Url;
use Keystone_OIDC\Crypto\Ecdsa_Signature;
use Keystone_OIDC\Crypto\Jws;
use Keystone_OIDC\Crypto\Key_Pair;
use PHPUnit\Framework\TestCase;

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

	/** @var array<string, Key_Pair> */
	private static $pairs = array();

	private static function pair( string $alg, string $kid = '' ): Key_Pair {
		$kid = '' === $kid ? 'kid-' . $alg : $kid;
		if ( ! isset( self::$pairs[ $kid ] ) ) {
			self::$pairs[ $kid ] = Key_Pair::generate( $alg, $kid );
		}
		return self::$pairs[ $kid ];
	}

	/**
	 * Signs any header with the key, to build tokens Jws::sign() would never produce.
	 *
	 * @param array<string, mixed> $header
	 * @param array<string, mixed> $payload
	 */
	private static function sign_with_header( array $header, array $payload, Key_Pair $key ): string {
		$input = Base64Url::encode( (string) json_encode( $header ) ) . '.' . Base64Url::encode( (string) json_encode( $payload ) );
		openssl_sign( $input, $signature, $key->private_pem(), 'sha256' );
		if ( 'ES256' === $key->alg() ) {
			$signature = (string) Ecdsa_Signature::der_to_raw( $signature, 32 );
		}
		return $input . '.' . Base64Url::encode( $signature );
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

	public function test_verifies_the_rfc_7515_a2_rs256_example(): void {
		$this->assertSame( self::RFC7515_PAYLOAD, Jws::verify( self::RFC7515_A2_JWS, array( self::RFC7515_A2_JWK ), array( 'RS256' ) ) );
	}

	public function test_verifies_the_rfc_7515_a3_es256_example(): void {
		$this->assertSame( self::RFC7515_PAYLOAD, Jws::verify( self::RFC7515_A3_JWS, array( self::RFC7515_A3_JWK ), array( 'ES256' ) ) );
	}

	public function test_rfc_examples_fail_with_one_signature_bit_flipped(): void {
		foreach ( array( array( self::RFC7515_A2_JWS, self::RFC7515_A2_JWK, 'RS256' ), array( self::RFC7515_A3_JWS, self::RFC7515_A3_JWK, 'ES256' ) ) as list( $jws, $jwk, $alg ) ) {
			list( $header, $payload, $signature ) = explode( '.', $jws );
			$raw                                  = (string) Base64Url::decode( $signature );
			$raw[5]                               = chr( ord( $raw[5] ) ^ 0x01 );

			$this->assertNull( Jws::verify( $header . '.' . $payload . '.' . Base64Url::encode( $raw ), array( $jwk ), array( $alg ) ), $alg );
		}
	}

	public function test_rfc_examples_fail_against_each_others_algorithm(): void {
		$this->assertNull( Jws::verify( self::RFC7515_A2_JWS, array( self::RFC7515_A2_JWK ), array( 'ES256' ) ) );
		$this->assertNull( Jws::verify( self::RFC7515_A3_JWS, array( self::RFC7515_A3_JWK ), array( 'RS256' ) ) );
		$this->assertNull( Jws::verify( self::RFC7515_A2_JWS, array( self::RFC7515_A3_JWK ), array( 'RS256', 'ES256' ) ) );
	}

	public function test_without_a_kid_two_fitting_keys_are_ambiguous(): void {
		$other = self::pair( 'RS256' )->public_jwk();
		unset( $other['kid'] );

		$this->assertNull( Jws::verify( self::RFC7515_A2_JWS, array( self::RFC7515_A2_JWK, $other ), array( 'RS256' ) ) );
	}

	public function test_without_a_kid_the_one_fitting_key_is_chosen_among_others(): void {
		$this->assertSame(
			self::RFC7515_PAYLOAD,
			Jws::verify( self::RFC7515_A2_JWS, array( self::RFC7515_A3_JWK, self::RFC7515_A2_JWK ), array( 'RS256' ) )
		);
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_sign_then_verify_round_trips( string $alg ): void {
		$key = self::pair( $alg );
		$jws = Jws::sign( self::CLAIMS, $key );

		$this->assertSame( self::CLAIMS, Jws::verify( $jws, array( $key->public_jwk() ), array( $alg ) ) );
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_header_is_alg_typ_kid( string $alg ): void {
		$key     = self::pair( $alg );
		$decoded = Jws::decode_unverified( Jws::sign( self::CLAIMS, $key, 'at+jwt' ) );

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
		$key   = self::pair( 'ES256' );
		$jws   = Jws::sign( array(), $key );
		$parts = explode( '.', $jws );

		$this->assertSame( '{}', Base64Url::decode( $parts[1] ) );
		$this->assertSame( array(), Jws::verify( $jws, array( $key->public_jwk() ), array( 'ES256' ) ) );
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
	 * @dataProvider algorithms
	 */
	public function test_tampered_payload_fails( string $alg ): void {
		$key   = self::pair( $alg );
		$parts = explode( '.', Jws::sign( self::CLAIMS, $key ) );

		$parts[1] = Base64Url::encode( (string) json_encode( array( 'sub' => '2' ) + self::CLAIMS ) );

		$this->assertNull( Jws::verify( implode( '.', $parts ), array( $key->public_jwk() ), array( $alg ) ) );
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_tampered_header_fails( string $alg ): void {
		$key   = self::pair( $alg );
		$parts = explode( '.', Jws::sign( self::CLAIMS, $key ) );

		$parts[0] = Base64Url::encode( (string) json_encode( array( 'alg' => $alg, 'typ' => 'at+jwt', 'kid' => $key->kid() ) ) );

		$this->assertNull( Jws::verify( implode( '.', $parts ), array( $key->public_jwk() ), array( $alg ) ) );
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_tampered_signature_fails( string $alg ): void {
		$key       = self::pair( $alg );
		$parts     = explode( '.', Jws::sign( self::CLAIMS, $key ) );
		$signature = (string) Base64Url::decode( $parts[2] );

		$signature[ strlen( $signature ) - 1 ] = chr( ord( $signature[ strlen( $signature ) - 1 ] ) ^ 0x01 );
		$parts[2]                              = Base64Url::encode( $signature );

		$this->assertNull( Jws::verify( implode( '.', $parts ), array( $key->public_jwk() ), array( $alg ) ) );
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_missing_or_truncated_signature_fails( string $alg ): void {
		$key   = self::pair( $alg );
		$parts = explode( '.', Jws::sign( self::CLAIMS, $key ) );

		$this->assertNull( Jws::verify( $parts[0] . '.' . $parts[1] . '.', array( $key->public_jwk() ), array( $alg ) ) );
		$this->assertNull( Jws::verify( $parts[0] . '.' . $parts[1] . '.' . substr( $parts[2], 0, -4 ), array( $key->public_jwk() ), array( $alg ) ) );
	}

	public function test_es256_signature_in_der_form_fails(): void {
		$key   = self::pair( 'ES256' );
		$parts = explode( '.', Jws::sign( self::CLAIMS, $key ) );

		$parts[2] = Base64Url::encode( (string) Ecdsa_Signature::raw_to_der( (string) Base64Url::decode( $parts[2] ), 32 ) );

		$this->assertNull( Jws::verify( implode( '.', $parts ), array( $key->public_jwk() ), array( 'ES256' ) ) );
	}

	public function test_alg_none_is_refused_even_when_allowed(): void {
		$key  = self::pair( 'RS256' );
		$jwks = array( $key->public_jwk() );
		$body = Base64Url::encode( (string) json_encode( self::CLAIMS ) );

		foreach ( array( 'none', 'None', 'NONE' ) as $none ) {
			$header = Base64Url::encode( (string) json_encode( array( 'alg' => $none, 'kid' => $key->kid() ) ) );

			$this->assertNull( Jws::verify( $header . '.' . $body . '.', $jwks, array( $none, 'RS256' ) ), $none );
		}
		$signed = explode( '.', Jws::sign( self::CLAIMS, $key ) );
		$header = Base64Url::encode( (string) json_encode( array( 'alg' => 'none', 'kid' => $key->kid() ) ) );
		$this->assertNull( Jws::verify( $header . '.' . $signed[1] . '.' . $signed[2], $jwks, array( 'none', 'RS256' ) ) );
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_alg_not_in_the_allow_list_is_refused( string $alg ): void {
		$key = self::pair( $alg );
		$jws = Jws::sign( self::CLAIMS, $key );

		$this->assertNull( Jws::verify( $jws, array( $key->public_jwk() ), array( 'RS256' === $alg ? 'ES256' : 'RS256' ) ) );
		$this->assertNull( Jws::verify( $jws, array( $key->public_jwk() ), array() ) );
		$this->assertNull( Jws::verify( $jws, array( $key->public_jwk() ), array( strtolower( $alg ) ) ) );
	}

	public function test_hmac_signed_with_the_public_key_is_refused(): void {
		// The classic algorithm confusion: HS256 keyed with the RSA public key's bytes.
		$key    = self::pair( 'RS256' );
		$header = Base64Url::encode( (string) json_encode( array( 'alg' => 'HS256', 'kid' => $key->kid() ) ) );
		$input  = $header . '.' . Base64Url::encode( (string) json_encode( self::CLAIMS ) );
		$pem    = openssl_pkey_get_details( openssl_pkey_get_private( $key->private_pem() ) )['key'];
		$jws    = $input . '.' . Base64Url::encode( hash_hmac( 'sha256', $input, $pem, true ) );

		$this->assertNull( Jws::verify( $jws, array( $key->public_jwk() ), array( 'HS256', 'RS256' ) ) );
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_unknown_kid_is_refused( string $alg ): void {
		$key = self::pair( $alg );
		$jwk = $key->public_jwk();

		$jwk['kid'] = 'another-kid';

		$this->assertNull( Jws::verify( Jws::sign( self::CLAIMS, $key ), array( $jwk ), array( $alg ) ) );
		$this->assertNull( Jws::verify( Jws::sign( self::CLAIMS, $key ), array(), array( $alg ) ) );
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_wrong_key_under_the_same_kid_is_refused( string $alg ): void {
		$signer   = self::pair( $alg );
		$imposter = self::pair( $alg, 'imposter-' . $alg )->public_jwk();

		$imposter['kid'] = $signer->kid();

		$this->assertNull( Jws::verify( Jws::sign( self::CLAIMS, $signer ), array( $imposter ), array( $alg ) ) );
	}

	public function test_the_key_named_by_kid_is_used_among_several(): void {
		$rsa  = self::pair( 'RS256' );
		$ec   = self::pair( 'ES256' );
		$old  = self::pair( 'RS256', 'old-rsa' );
		$jwks = array( $old->public_jwk(), $ec->public_jwk(), $rsa->public_jwk() );

		$this->assertSame( self::CLAIMS, Jws::verify( Jws::sign( self::CLAIMS, $rsa ), $jwks, array( 'RS256', 'ES256' ) ) );
		$this->assertSame( self::CLAIMS, Jws::verify( Jws::sign( self::CLAIMS, $old ), $jwks, array( 'RS256', 'ES256' ) ) );
		$this->assertSame( self::CLAIMS, Jws::verify( Jws::sign( self::CLAIMS, $ec ), $jwks, array( 'RS256', 'ES256' ) ) );
	}

	/**
	 * @return array<string, array{string, array<string, mixed>}>
	 */
	public function jwks_unfit_for_the_header(): array {
		return array(
			'jwk alg differs'         => array( 'RS256', array( 'alg' => 'RS384' ) ),
			'jwk kty differs'         => array( 'RS256', array( 'kty' => 'EC' ) ),
			'jwk for encryption'      => array( 'RS256', array( 'use' => 'enc' ) ),
			'jwk key_ops sign only'   => array( 'RS256', array( 'key_ops' => array( 'sign' ) ) ),
			'EC jwk on another curve' => array( 'ES256', array( 'crv' => 'P-384' ) ),
		);
	}

	/**
	 * @dataProvider jwks_unfit_for_the_header
	 * @param array<string, mixed> $change
	 */
	public function test_kid_naming_a_key_unfit_for_the_alg_is_refused( string $alg, array $change ): void {
		$key = self::pair( $alg );

		$this->assertNull( Jws::verify( Jws::sign( self::CLAIMS, $key ), array( array_merge( $key->public_jwk(), $change ) ), array( $alg ) ) );
	}

	public function test_kid_and_alg_of_different_keys_are_refused(): void {
		// A token claiming ES256 but naming the RSA key's kid must not be checked with another key.
		$rsa = self::pair( 'RS256' );
		$ec  = self::pair( 'ES256' );
		$jws = self::sign_with_header( array( 'alg' => 'ES256', 'kid' => $rsa->kid() ), self::CLAIMS, $ec );

		$this->assertNull( Jws::verify( $jws, array( $rsa->public_jwk(), $ec->public_jwk() ), array( 'RS256', 'ES256' ) ) );
	}

	public function test_jwk_key_ops_with_verify_is_accepted(): void {
		$key = self::pair( 'ES256' );
		$jwk = $key->public_jwk() + array( 'key_ops' => array( 'verify' ) );

		$this->assertSame( self::CLAIMS, Jws::verify( Jws::sign( self::CLAIMS, $key ), array( $jwk ), array( 'ES256' ) ) );
	}

	public function test_a_kid_that_is_not_a_string_is_refused(): void {
		$key = self::pair( 'RS256' );
		$jwk = array( 'kid' => 7 ) + $key->public_jwk();
		$jws = self::sign_with_header( array( 'alg' => 'RS256', 'kid' => 7 ), self::CLAIMS, $key );

		$this->assertNull( Jws::verify( $jws, array( $jwk ), array( 'RS256' ) ) );
	}

	public function test_crit_header_is_refused(): void {
		$key = self::pair( 'RS256' );
		$jws = self::sign_with_header(
			array(
				'alg'  => 'RS256',
				'kid'  => $key->kid(),
				'crit' => array( 'exp' ),
				'exp'  => 1900000000,
			),
			self::CLAIMS,
			$key
		);

		$this->assertNull( Jws::verify( $jws, array( $key->public_jwk() ), array( 'RS256' ) ) );
	}

	public function test_correctly_signed_custom_header_without_crit_is_accepted(): void {
		$key = self::pair( 'ES256' );
		$jws = self::sign_with_header( array( 'alg' => 'ES256', 'kid' => $key->kid(), 'cty' => 'JWT' ), self::CLAIMS, $key );

		$this->assertSame( self::CLAIMS, Jws::verify( $jws, array( $key->public_jwk() ), array( 'ES256' ) ) );
	}

	public function test_rsa_key_under_2048_bits_is_refused(): void {
		$small = openssl_pkey_new(
			array(
				'private_key_type' => OPENSSL_KEYTYPE_RSA,
				'private_key_bits' => 1024,
			)
		);
		$rsa   = openssl_pkey_get_details( $small )['rsa'];
		$input = Base64Url::encode( '{"alg":"RS256","kid":"small"}' ) . '.' . Base64Url::encode( '{"sub":"1"}' );
		openssl_sign( $input, $signature, $small, 'sha256' );
		$jwk = array(
			'kty' => 'RSA',
			'kid' => 'small',
			'n'   => Base64Url::encode( $rsa['n'] ),
			'e'   => Base64Url::encode( $rsa['e'] ),
		);

		$this->assertNull( Jws::verify( $input . '.' . Base64Url::encode( $signature ), array( $jwk ), array( 'RS256' ) ) );
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
	public function test_malformed_tokens_are_refused_by_verify_and_decode( string $jws ): void {
		$this->assertNull( Jws::verify( $jws, array( self::pair( 'RS256' )->public_jwk() ), array( 'RS256' ) ) );
		$this->assertNull( Jws::decode_unverified( $jws ) );
	}

	public function test_decode_unverified_reads_a_token_whatever_its_signature(): void {
		$parts = explode( '.', Jws::sign( self::CLAIMS, self::pair( 'ES256' ) ) );

		$decoded = Jws::decode_unverified( $parts[0] . '.' . $parts[1] . '.' . Base64Url::encode( 'not the signature' ) );

		$this->assertSame( self::CLAIMS, $decoded['payload'] ?? null );
		$this->assertSame( 'kid-ES256', $decoded['header']['kid'] ?? null );
	}

	public function test_decode_unverified_of_the_rfc_example(): void {
		$this->assertSame(
			array(
				'header'  => array( 'alg' => 'RS256' ),
				'payload' => self::RFC7515_PAYLOAD,
			),
			Jws::decode_unverified( self::RFC7515_A2_JWS )
		);
	}

	public function test_jwks_entries_that_are_not_arrays_are_skipped(): void {
		$key = self::pair( 'ES256' );

		$this->assertSame(
			self::CLAIMS,
			Jws::verify( Jws::sign( self::CLAIMS, $key ), array( 'junk', null, $key->public_jwk() ), array( 'ES256' ) )
		);
	}
}
