<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Jwt;

use Keystone_OIDC\Crypto\Base64Url;
use Keystone_OIDC\Crypto\Ecdsa_Signature;
use Keystone_OIDC\Crypto\Jws;
use Keystone_OIDC\Crypto\Key_Pair;
use Keystone_OIDC\Jwt\Jwks_Key_Set;
use Keystone_OIDC\Jwt\Jwt_Error;
use Keystone_OIDC\Jwt\Jwt_Verifier;
use Keystone_OIDC\Jwt\Key_Set;
use Keystone_OIDC\Jwt\Verify_Options;
use Keystone_OIDC\Tests\Crypto\Test_Keys;
use PHPUnit\Framework\TestCase;

require_once dirname( __DIR__ ) . '/Crypto/Test_Keys.php';

/**
 * Every rule of the verifier, each with a token that breaks it and the exact code it is refused
 * with, on keys generated here (`Crypto\JwsTest` checks signatures against the RFC 7515 examples).
 */
final class Jwt_VerifierTest extends TestCase {
	private const NOW    = 1800000000;
	private const ISSUER = 'https://example.test/wp';

	private static function pair( string $alg, string $kid = '' ): Key_Pair {
		return Test_Keys::pair( $alg, $kid );
	}

	private static function verifier(): Jwt_Verifier {
		return new Jwt_Verifier(
			static function (): int {
				return self::NOW;
			}
		);
	}

	/**
	 * @return array<string, mixed>
	 */
	private static function claims(): array {
		return array(
			'iss'  => self::ISSUER,
			'sub'  => '1',
			'aud'  => 'client-1',
			'exp'  => self::NOW + 300,
			'iat'  => self::NOW,
			'jti'  => 'j-1',
			'name' => 'Zoë Ünïcode',
		);
	}

	private static function options( string $alg = 'RS256' ): Verify_Options {
		return Verify_Options::allowing( $alg )->with_typ( 'at+jwt' )->with_issuer( self::ISSUER );
	}

	private static function keys( Key_Pair ...$pairs ): Key_Set {
		return new Jwks_Key_Set(
			array_map(
				static function ( Key_Pair $pair ): array {
					return $pair->public_jwk();
				},
				$pairs
			)
		);
	}

	/**
	 * Signs any header and payload with the key, to build tokens Jws::sign() would never produce.
	 *
	 * @param array<string, mixed> $header
	 * @param array<string, mixed> $payload
	 */
	private static function signed( array $header, array $payload, Key_Pair $key ): string {
		$input = Base64Url::encode( (string) json_encode( $header ) ) . '.' . Base64Url::encode( (string) json_encode( $payload ) );
		openssl_sign( $input, $signature, $key->private_key(), 'sha256' );
		if ( 'ES256' === $key->alg() ) {
			$signature = (string) Ecdsa_Signature::der_to_raw( $signature, 32 );
		}
		return $input . '.' . Base64Url::encode( $signature );
	}

	/**
	 * A token of the usual header (alg, typ at+jwt, kid) with these claim changes (null removes).
	 *
	 * @param array<string, mixed> $changes
	 */
	private static function token( string $alg = 'RS256', array $changes = array() ): string {
		$claims = array_filter(
			array_merge( self::claims(), $changes ),
			static function ( $value ): bool {
				return null !== $value;
			}
		);
		return Jws::sign( $claims, self::pair( $alg ), 'at+jwt' );
	}

	private function assert_refused( string $code, string $token, Key_Set $keys, Verify_Options $options ): void {
		try {
			self::verifier()->verify( $token, $keys, $options );
		} catch ( Jwt_Error $error ) {
			$this->assertSame( $code, $error->reason(), $error->getMessage() );
			return;
		}
		$this->fail( 'The token was accepted; expected ' . $code );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function algorithms(): array {
		return Test_Keys::algorithms();
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_a_token_signed_with_a_generated_key_round_trips( string $alg ): void {
		$this->assertSame( self::claims(), self::verifier()->verify( self::token( $alg ), self::keys( self::pair( $alg ) ), self::options( $alg ) ) );
	}

	/**
	 * A token of our keys always names its key; one from elsewhere may not.
	 *
	 * @return array<string, mixed>
	 */
	private static function without_kid( Key_Pair $pair ): array {
		$jwk = $pair->public_jwk();
		unset( $jwk['kid'] );
		return $jwk;
	}

	public function test_without_a_kid_the_one_fitting_key_is_chosen_among_others(): void {
		$rsa  = self::pair( 'RS256' );
		$ec   = self::pair( 'ES256' );
		$keys = new Jwks_Key_Set( array( self::without_kid( $ec ), self::without_kid( $rsa ) ) );
		$both = Verify_Options::allowing( 'RS256', 'ES256' );

		$this->assertSame( self::claims(), self::verifier()->verify( self::signed( array( 'alg' => 'RS256' ), self::claims(), $rsa ), $keys, $both ) );
		$this->assertSame( self::claims(), self::verifier()->verify( self::signed( array( 'alg' => 'ES256' ), self::claims(), $ec ), $keys, $both ) );
	}

	public function test_without_a_kid_two_fitting_keys_are_ambiguous(): void {
		$keys = new Jwks_Key_Set( array( self::without_kid( self::pair( 'RS256' ) ), self::without_kid( self::pair( 'RS256', 'other-rsa' ) ) ) );

		$this->assert_refused( Jwt_Error::KID_UNKNOWN, self::signed( array( 'alg' => 'RS256' ), self::claims(), self::pair( 'RS256' ) ), $keys, Verify_Options::allowing( 'RS256' ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function malformed_tokens(): array {
		$header  = Base64Url::encode( '{"alg":"RS256","typ":"at+jwt","kid":"kid-RS256"}' );
		$payload = Base64Url::encode( '{"sub":"1"}' );
		return array(
			'empty'                => array( '' ),
			'two segments'         => array( $header . '.' . $payload ),
			'four segments'        => array( $header . '.' . $payload . '.c2ln.c2ln' ),
			'JWE-like five'        => array( $header . '...' . $payload . '.' ),
			'header not base64url' => array( '***.' . $payload . '.c2ln' ),
			'header not JSON'      => array( Base64Url::encode( 'alg=RS256' ) . '.' . $payload . '.c2ln' ),
			'header a JSON list'   => array( Base64Url::encode( '["RS256"]' ) . '.' . $payload . '.c2ln' ),
			'payload not JSON'     => array( $header . '.' . Base64Url::encode( 'hello' ) . '.c2ln' ),
			'payload a JSON list'  => array( $header . '.' . Base64Url::encode( '[]' ) . '.c2ln' ),
			'payload JSON string'  => array( $header . '.' . Base64Url::encode( '"claims"' ) . '.c2ln' ),
			'signature not base64' => array( $header . '.' . $payload . '.c2ln+' ),
		);
	}

	/**
	 * @dataProvider malformed_tokens
	 */
	public function test_a_malformed_token_is_refused_as_malformed( string $token ): void {
		$this->assert_refused( Jwt_Error::MALFORMED, $token, self::keys( self::pair( 'RS256' ) ), self::options() );
		$this->assertSame( array(), Jwt_Verifier::unverified_header( $token ) );
	}

	public function test_a_kid_that_is_not_a_string_is_malformed(): void {
		$key = self::pair( 'RS256' );
		$jws = self::signed( array( 'alg' => 'RS256', 'typ' => 'at+jwt', 'kid' => 7 ), self::claims(), $key );

		$this->assert_refused( Jwt_Error::MALFORMED, $jws, new Jwks_Key_Set( array( array( 'kid' => 7 ) + $key->public_jwk() ) ), self::options() );
	}

	public function test_alg_none_is_refused_even_when_allowed(): void {
		$key = self::pair( 'RS256' );
		foreach ( array( 'none', 'None', 'NONE' ) as $none ) {
			$header  = Base64Url::encode( (string) json_encode( array( 'alg' => $none, 'typ' => 'at+jwt', 'kid' => $key->kid() ) ) );
			$options = Verify_Options::allowing( $none, 'RS256' )->with_typ( 'at+jwt' );

			$this->assert_refused( Jwt_Error::ALG_NOT_ALLOWED, $header . '.' . Base64Url::encode( (string) json_encode( self::claims() ) ) . '.', self::keys( $key ), $options );
		}
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_an_alg_off_the_allow_list_is_refused( string $alg ): void {
		$token = self::token( $alg );
		$keys  = self::keys( self::pair( $alg ) );

		$this->assert_refused( Jwt_Error::ALG_NOT_ALLOWED, $token, $keys, self::options( 'RS256' === $alg ? 'ES256' : 'RS256' ) );
		$this->assert_refused( Jwt_Error::ALG_NOT_ALLOWED, $token, $keys, Verify_Options::allowing() );
		$this->assert_refused( Jwt_Error::ALG_NOT_ALLOWED, $token, $keys, self::options( strtolower( $alg ) ) );
	}

	public function test_a_header_without_alg_is_refused(): void {
		$key = self::pair( 'RS256' );

		$this->assert_refused( Jwt_Error::ALG_NOT_ALLOWED, self::signed( array( 'typ' => 'at+jwt', 'kid' => $key->kid() ), self::claims(), $key ), self::keys( $key ), self::options() );
	}

	public function test_hs256_keyed_with_the_public_key_is_refused(): void {
		// The classic algorithm confusion: HS256 keyed with the RSA public key's bytes.
		$key     = self::pair( 'RS256' );
		$header  = Base64Url::encode( (string) json_encode( array( 'alg' => 'HS256', 'typ' => 'at+jwt', 'kid' => $key->kid() ) ) );
		$input   = $header . '.' . Base64Url::encode( (string) json_encode( self::claims() ) );
		$jws     = $input . '.' . Base64Url::encode( hash_hmac( 'sha256', $input, $key->public_pem(), true ) );
		$options = Verify_Options::allowing( 'HS256', 'RS256' )->with_typ( 'at+jwt' );

		$this->assert_refused( Jwt_Error::ALG_NOT_ALLOWED, $jws, self::keys( $key ), $options );
	}

	public function test_a_crit_header_is_refused(): void {
		$key    = self::pair( 'RS256' );
		$header = array(
			'alg'  => 'RS256',
			'typ'  => 'at+jwt',
			'kid'  => $key->kid(),
			'crit' => array( 'exp' ),
			'exp'  => self::NOW + 60,
		);

		$this->assert_refused( Jwt_Error::CRIT_UNSUPPORTED, self::signed( $header, self::claims(), $key ), self::keys( $key ), self::options() );
	}

	public function test_a_correctly_signed_custom_header_without_crit_is_accepted(): void {
		$key = self::pair( 'ES256' );
		$jws = self::signed( array( 'alg' => 'ES256', 'typ' => 'at+jwt', 'kid' => $key->kid(), 'cty' => 'JWT' ), self::claims(), $key );

		$this->assertSame( self::claims(), self::verifier()->verify( $jws, self::keys( $key ), self::options( 'ES256' ) ) );
	}

	public function test_another_typ_is_refused(): void {
		$key = self::pair( 'RS256' );

		$this->assert_refused( Jwt_Error::TYP_MISMATCH, Jws::sign( self::claims(), $key ), self::keys( $key ), self::options() );
		$this->assert_refused( Jwt_Error::TYP_MISMATCH, Jws::sign( self::claims(), $key, 'logout+jwt' ), self::keys( $key ), self::options() );
		$this->assert_refused( Jwt_Error::TYP_MISMATCH, self::signed( array( 'alg' => 'RS256', 'typ' => array( 'at+jwt' ), 'kid' => $key->kid() ), self::claims(), $key ), self::keys( $key ), self::options() );
	}

	public function test_typ_compares_without_case_and_without_the_application_prefix(): void {
		$key = self::pair( 'RS256' );
		foreach ( array( 'application/at+jwt', 'AT+JWT', 'Application/At+Jwt' ) as $typ ) {
			$this->assertSame( self::claims(), self::verifier()->verify( Jws::sign( self::claims(), $key, $typ ), self::keys( $key ), self::options() ), $typ );
		}
	}

	public function test_a_missing_typ_passes_only_where_it_may_be_absent(): void {
		$key = self::pair( 'RS256' );
		$jws = self::signed( array( 'alg' => 'RS256', 'kid' => $key->kid() ), self::claims(), $key );

		$this->assert_refused( Jwt_Error::TYP_MISMATCH, $jws, self::keys( $key ), Verify_Options::allowing( 'RS256' )->with_typ( 'JWT' ) );
		$this->assertSame( self::claims(), self::verifier()->verify( $jws, self::keys( $key ), Verify_Options::allowing( 'RS256' )->with_typ( 'JWT', true ) ) );
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_an_unknown_kid_is_refused( string $alg ): void {
		$jwk        = self::pair( $alg )->public_jwk();
		$jwk['kid'] = 'another-kid';

		$this->assert_refused( Jwt_Error::KID_UNKNOWN, self::token( $alg ), new Jwks_Key_Set( array( $jwk ) ), self::options( $alg ) );
		$this->assert_refused( Jwt_Error::KID_UNKNOWN, self::token( $alg ), new Jwks_Key_Set( array() ), self::options( $alg ) );
	}

	public function test_the_key_named_by_kid_is_used_among_several(): void {
		$rsa  = self::pair( 'RS256' );
		$ec   = self::pair( 'ES256' );
		$old  = self::pair( 'RS256', 'old-rsa' );
		$keys = self::keys( $old, $ec, $rsa );
		$both = Verify_Options::allowing( 'RS256', 'ES256' )->with_typ( 'at+jwt' );

		foreach ( array( $rsa, $old, $ec ) as $signer ) {
			$this->assertSame( self::claims(), self::verifier()->verify( Jws::sign( self::claims(), $signer, 'at+jwt' ), $keys, $both ), $signer->kid() );
		}
	}

	public function test_entries_of_a_jwks_that_are_not_objects_are_skipped(): void {
		$key  = self::pair( 'ES256' );
		$keys = new Jwks_Key_Set( array( 'junk', null, $key->public_jwk() ) );

		$this->assertSame( self::claims(), self::verifier()->verify( self::token( 'ES256' ), $keys, self::options( 'ES256' ) ) );
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
			'jwk n not base64url'     => array( 'RS256', array( 'n' => 'a+b/' ) ),
		);
	}

	/**
	 * @dataProvider jwks_unfit_for_the_header
	 * @param array<string, mixed> $change
	 */
	public function test_a_kid_naming_a_key_unfit_for_the_alg_is_refused( string $alg, array $change ): void {
		$keys = new Jwks_Key_Set( array( array_merge( self::pair( $alg )->public_jwk(), $change ) ) );

		$this->assert_refused( Jwt_Error::KEY_UNFIT, self::token( $alg ), $keys, self::options( $alg ) );
	}

	public function test_jwk_key_ops_with_verify_is_accepted(): void {
		$keys = new Jwks_Key_Set( array( self::pair( 'ES256' )->public_jwk() + array( 'key_ops' => array( 'verify' ) ) ) );

		$this->assertSame( self::claims(), self::verifier()->verify( self::token( 'ES256' ), $keys, self::options( 'ES256' ) ) );
	}

	public function test_kid_and_alg_of_different_keys_are_refused(): void {
		// A token claiming ES256 but naming the RSA key's kid must not be checked with another key.
		$rsa = self::pair( 'RS256' );
		$ec  = self::pair( 'ES256' );
		$jws = self::signed( array( 'alg' => 'ES256', 'typ' => 'at+jwt', 'kid' => $rsa->kid() ), self::claims(), $ec );

		$this->assert_refused( Jwt_Error::KEY_UNFIT, $jws, self::keys( $rsa, $ec ), Verify_Options::allowing( 'RS256', 'ES256' )->with_typ( 'at+jwt' ) );
	}

	public function test_an_rsa_key_under_2048_bits_is_refused(): void {
		$small = openssl_pkey_new(
			array(
				'private_key_type' => OPENSSL_KEYTYPE_RSA,
				'private_key_bits' => 1024,
			)
		);
		$rsa   = openssl_pkey_get_details( $small )['rsa'];
		$input = Base64Url::encode( '{"alg":"RS256","kid":"small"}' ) . '.' . Base64Url::encode( '{"sub":"1","exp":1900000000}' );
		openssl_sign( $input, $signature, $small, 'sha256' );
		$keys = new Jwks_Key_Set(
			array(
				array(
					'kty' => 'RSA',
					'kid' => 'small',
					'n'   => Base64Url::encode( $rsa['n'] ),
					'e'   => Base64Url::encode( $rsa['e'] ),
				),
			)
		);

		$this->assert_refused( Jwt_Error::KEY_UNFIT, $input . '.' . Base64Url::encode( $signature ), $keys, Verify_Options::allowing( 'RS256' ) );
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_another_key_under_the_same_kid_is_a_bad_signature( string $alg ): void {
		$imposter        = self::pair( $alg, 'imposter-' . $alg )->public_jwk();
		$imposter['kid'] = self::pair( $alg )->kid();

		$this->assert_refused( Jwt_Error::BAD_SIGNATURE, self::token( $alg ), new Jwks_Key_Set( array( $imposter ) ), self::options( $alg ) );
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_tampering_with_any_part_is_a_bad_signature( string $alg ): void {
		$keys  = self::keys( self::pair( $alg ) );
		$parts = explode( '.', self::token( $alg ) );

		$payload    = $parts;
		$payload[1] = Base64Url::encode( (string) json_encode( array( 'sub' => '2' ) + self::claims() ) );
		$header     = $parts;
		$header[0]  = Base64Url::encode( (string) json_encode( array( 'alg' => $alg, 'kid' => self::pair( $alg )->kid(), 'typ' => 'at+jwt' ) ) );
		$signature  = (string) Base64Url::decode( $parts[2] );

		$signature[ strlen( $signature ) - 1 ] = chr( ord( $signature[ strlen( $signature ) - 1 ] ) ^ 0x01 );

		$this->assert_refused( Jwt_Error::BAD_SIGNATURE, implode( '.', $payload ), $keys, self::options( $alg ) );
		$this->assert_refused( Jwt_Error::BAD_SIGNATURE, implode( '.', $header ), $keys, self::options( $alg ) );
		$this->assert_refused( Jwt_Error::BAD_SIGNATURE, $parts[0] . '.' . $parts[1] . '.' . Base64Url::encode( $signature ), $keys, self::options( $alg ) );
		$this->assert_refused( Jwt_Error::BAD_SIGNATURE, $parts[0] . '.' . $parts[1] . '.', $keys, self::options( $alg ) );
		$this->assert_refused( Jwt_Error::BAD_SIGNATURE, $parts[0] . '.' . $parts[1] . '.' . Base64Url::encode( substr( $signature, 0, -3 ) ), $keys, self::options( $alg ) );
	}

	public function test_an_es256_signature_in_der_form_is_a_bad_signature(): void {
		$parts    = explode( '.', self::token( 'ES256' ) );
		$parts[2] = Base64Url::encode( (string) Ecdsa_Signature::raw_to_der( (string) Base64Url::decode( $parts[2] ), 32 ) );

		$this->assert_refused( Jwt_Error::BAD_SIGNATURE, implode( '.', $parts ), self::keys( self::pair( 'ES256' ) ), self::options( 'ES256' ) );
	}

	public function test_the_signature_is_checked_before_any_claim(): void {
		$parts    = explode( '.', self::token( 'RS256', array( 'exp' => self::NOW - 1 ) ) );
		$parts[1] = Base64Url::encode( (string) json_encode( array( 'iss' => 'https://elsewhere.test' ) ) );

		$this->assert_refused( Jwt_Error::BAD_SIGNATURE, implode( '.', $parts ), self::keys( self::pair( 'RS256' ) ), self::options() );
	}

	public function test_another_issuer_is_refused(): void {
		$keys = self::keys( self::pair( 'RS256' ) );

		$this->assert_refused( Jwt_Error::ISSUER_MISMATCH, self::token( 'RS256', array( 'iss' => self::ISSUER . '/' ) ), $keys, self::options() );
		$this->assert_refused( Jwt_Error::ISSUER_MISMATCH, self::token( 'RS256', array( 'iss' => null ) ), $keys, self::options() );
	}

	public function test_the_audience_is_one_string_or_one_entry_of_a_list(): void {
		$keys    = self::keys( self::pair( 'RS256' ) );
		$options = self::options()->with_audience( 'https://api.example.test' );

		$this->assertSame( 'https://api.example.test', self::verifier()->verify( self::token( 'RS256', array( 'aud' => 'https://api.example.test' ) ), $keys, $options )['aud'] );
		$this->assertSame(
			array( 'client-1', 'https://api.example.test' ),
			self::verifier()->verify( self::token( 'RS256', array( 'aud' => array( 'client-1', 'https://api.example.test' ) ) ), $keys, $options )['aud']
		);
		$this->assert_refused( Jwt_Error::AUDIENCE_MISMATCH, self::token(), $keys, $options );
		$this->assert_refused( Jwt_Error::AUDIENCE_MISMATCH, self::token( 'RS256', array( 'aud' => array( 'client-1', 'https://other.example.test' ) ) ), $keys, $options );
		$this->assert_refused( Jwt_Error::AUDIENCE_MISMATCH, self::token( 'RS256', array( 'aud' => null ) ), $keys, $options );
		$this->assert_refused( Jwt_Error::AUDIENCE_MISMATCH, self::token( 'RS256', array( 'aud' => array( array( 'https://api.example.test' ) ) ) ), $keys, $options );
	}

	public function test_a_required_string_claim_must_be_a_non_empty_string(): void {
		$keys    = self::keys( self::pair( 'RS256' ) );
		$options = self::options()->with_string_claims( 'jti', 'sub' );

		$this->assertSame( self::claims(), self::verifier()->verify( self::token(), $keys, $options ) );
		foreach ( array( null, '', 7, array( 'j' ) ) as $jti ) {
			$this->assert_refused( Jwt_Error::CLAIM_INVALID, self::token( 'RS256', array( 'jti' => $jti ) ), $keys, $options );
		}
	}

	public function test_a_token_expires_at_exp(): void {
		$keys = self::keys( self::pair( 'RS256' ) );

		$this->assertSame( self::NOW + 1, self::verifier()->verify( self::token( 'RS256', array( 'exp' => self::NOW + 1 ) ), $keys, self::options() )['exp'] );
		$this->assert_refused( Jwt_Error::EXPIRED, self::token( 'RS256', array( 'exp' => self::NOW ) ), $keys, self::options() );
		$this->assert_refused( Jwt_Error::EXPIRED, self::token( 'RS256', array( 'exp' => self::NOW - 3600 ) ), $keys, self::options() );
	}

	public function test_leeway_extends_exp_by_the_clock_tolerance_only(): void {
		$keys  = self::keys( self::pair( 'RS256' ) );
		$token = self::token( 'RS256', array( 'exp' => self::NOW - 10 ) );

		$this->assertSame( self::NOW - 10, self::verifier()->verify( $token, $keys, self::options()->with_clock_tolerance( 30 ) )['exp'] );
		$this->assert_refused( Jwt_Error::EXPIRED, $token, $keys, self::options()->with_clock_tolerance( 10 ) );
		$this->assert_refused( Jwt_Error::EXPIRED, $token, $keys, self::options()->with_clock_tolerance( -60 ) );
	}

	public function test_exp_must_be_an_integer_where_expiry_is_enforced(): void {
		$keys = self::keys( self::pair( 'RS256' ) );

		$this->assert_refused( Jwt_Error::CLAIM_INVALID, self::token( 'RS256', array( 'exp' => null ) ), $keys, self::options() );
		$this->assert_refused( Jwt_Error::CLAIM_INVALID, self::token( 'RS256', array( 'exp' => (string) ( self::NOW + 60 ) ) ), $keys, self::options() );
		$this->assert_refused( Jwt_Error::CLAIM_INVALID, self::token( 'RS256', array( 'exp' => self::NOW + 60.5 ) ), $keys, self::options() );
	}

	public function test_accepting_expired_lets_an_expired_token_through_and_says_so(): void {
		$keys    = self::keys( self::pair( 'RS256' ) );
		$options = self::options()->accepting_expired();
		$expired = self::verifier()->verify( self::token( 'RS256', array( 'exp' => self::NOW - 3600 ) ), $keys, $options );
		$no_exp  = self::verifier()->verify( self::token( 'RS256', array( 'exp' => null ) ), $keys, $options );

		$this->assertTrue( self::verifier()->has_expired( $expired, $options ) );
		$this->assertTrue( self::verifier()->has_expired( $no_exp, $options ) );
		$this->assertFalse( self::verifier()->has_expired( self::claims(), $options ) );
		$this->assert_refused( Jwt_Error::ISSUER_MISMATCH, self::token( 'RS256', array( 'iss' => 'x', 'exp' => self::NOW - 1 ) ), $keys, $options );
	}

	public function test_a_token_is_not_valid_before_nbf(): void {
		$keys = self::keys( self::pair( 'RS256' ) );

		$this->assertSame( self::NOW, self::verifier()->verify( self::token( 'RS256', array( 'nbf' => self::NOW ) ), $keys, self::options() )['nbf'] );
		$this->assert_refused( Jwt_Error::NOT_YET_VALID, self::token( 'RS256', array( 'nbf' => self::NOW + 1 ) ), $keys, self::options() );
		$this->assertSame( self::NOW + 30, self::verifier()->verify( self::token( 'RS256', array( 'nbf' => self::NOW + 30 ) ), $keys, self::options()->with_clock_tolerance( 30 ) )['nbf'] );
		$this->assert_refused( Jwt_Error::NOT_YET_VALID, self::token( 'RS256', array( 'nbf' => self::NOW + 30 ) ), $keys, self::options()->accepting_expired() );
		$this->assert_refused( Jwt_Error::CLAIM_INVALID, self::token( 'RS256', array( 'nbf' => 'soon' ) ), $keys, self::options() );
	}

	public function test_iat_in_the_future_is_not_a_rule(): void {
		// As jose without maxTokenAge: `iat` is informational; `nbf` and `exp` bound a token's life.
		$this->assertSame( self::NOW + 3600, self::verifier()->verify( self::token( 'RS256', array( 'iat' => self::NOW + 3600 ) ), self::keys( self::pair( 'RS256' ) ), self::options() )['iat'] );
	}

	public function test_the_header_can_be_read_unverified_to_choose_options(): void {
		$this->assertSame(
			array(
				'alg' => 'ES256',
				'typ' => 'at+jwt',
				'kid' => 'kid-ES256',
			),
			Jwt_Verifier::unverified_header( self::token( 'ES256' ) )
		);
	}
}
