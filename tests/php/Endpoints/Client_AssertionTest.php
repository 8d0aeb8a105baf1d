<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Endpoints;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Crypto\Base64Url;
use Keystone_OIDC\Crypto\Ecdsa_Signature;
use Keystone_OIDC\Crypto\Key_Pair;
use Keystone_OIDC\Endpoints\Client_Assertion;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Jwt\Jwt_Verifier;
use Keystone_OIDC\Tests\Crypto\Test_Keys;
use Keystone_OIDC\Tests\Crypto\Test_Pss;
use Keystone_OIDC\Tests\Support\Fixed_Client_Keys;
use Keystone_OIDC\Tests\Support\Fixed_Clock;
use Keystone_OIDC\Tests\Support\In_Memory_Assertion_Jtis;
use PHPUnit\Framework\TestCase;

require_once dirname( __DIR__ ) . '/Crypto/Test_Keys.php';
require_once dirname( __DIR__ ) . '/Crypto/Test_Pss.php';

/**
 * Every rule of `private_key_jwt` (RFC 7523 §3): each assertion that breaks one is refused with
 * `invalid_client` and the description naming the rule.
 */
final class Client_AssertionTest extends TestCase {
	private const NOW       = 1800000000;
	private const CLIENT_ID = 'service-1';
	private const TOKEN_URL = 'https://op.example/wenisch-tech/keystone-oidc/oauth/token';
	private const ISSUER    = 'https://op.example';

	/** @var Fixed_Clock */
	private $clock;

	/** @var In_Memory_Assertion_Jtis */
	private $jtis;

	/** @var Fixed_Client_Keys */
	private $keys;

	/** @var Client */
	private $client;

	protected function setUp(): void {
		$this->clock                              = new Fixed_Clock( self::NOW );
		$this->jtis                               = new In_Memory_Assertion_Jtis();
		$this->keys                               = new Fixed_Client_Keys( array( self::jwk( 'RS256' ), self::jwk( 'ES256' ), self::jwk( 'PS256' ) ) );
		$this->client                             = new Client();
		$this->client->client_id                  = self::CLIENT_ID;
		$this->client->token_endpoint_auth_method = Client::AUTH_PRIVATE_KEY;
		$this->client->jwks                       = array( 'keys' => $this->keys->keys );
	}

	private function assertion(): Client_Assertion {
		$clock = $this->clock;
		return new Client_Assertion(
			new Jwt_Verifier(
				static function () use ( $clock ): int {
					return $clock->now();
				}
			),
			$this->keys,
			$this->jtis,
			$this->clock
		);
	}

	/**
	 * PS256 signs with an RSA key of its own, published with `alg` PS256.
	 */
	private static function pair( string $alg ): Key_Pair {
		return 'PS256' === $alg ? Test_Keys::pair( 'RS256', 'kid-PS256' ) : Test_Keys::pair( $alg );
	}

	/**
	 * @return array<string,mixed>
	 */
	private static function jwk( string $alg, string $kid = '' ): array {
		$jwk        = self::pair( $alg )->public_jwk();
		$jwk['alg'] = $alg;
		if ( '' !== $kid ) {
			$jwk['kid'] = $kid;
		}
		return $jwk;
	}

	/**
	 * @return array<string,mixed>
	 */
	private static function claims(): array {
		return array(
			'iss' => self::CLIENT_ID,
			'sub' => self::CLIENT_ID,
			'aud' => self::TOKEN_URL,
			'jti' => 'jti-1',
			'iat' => self::NOW,
			'exp' => self::NOW + 60,
		);
	}

	/**
	 * An assertion signed by the key of `$alg` with these claim changes (null removes one).
	 *
	 * @param array<string,mixed> $changes
	 * @param array<string,mixed> $header_changes
	 */
	private static function signed( string $alg = 'RS256', array $changes = array(), array $header_changes = array(), ?Key_Pair $key = null ): string {
		$key    = $key ?? self::pair( $alg );
		$header = array_merge(
			array(
				'alg' => $alg,
				'typ' => 'JWT',
				'kid' => 'kid-' . $alg,
			),
			$header_changes
		);
		$claims = array_filter(
			array_merge( self::claims(), $changes ),
			static function ( $value ): bool {
				return null !== $value;
			}
		);
		$input  = Base64Url::encode( (string) json_encode( $header ) ) . '.' . Base64Url::encode( (string) json_encode( $claims ) );
		if ( 'PS256' === $alg ) {
			$signature = Test_Pss::sign( $input, $key );
		} else {
			openssl_sign( $input, $signature, $key->private_key(), 'sha256' );
			if ( 'ES256' === $alg ) {
				$signature = (string) Ecdsa_Signature::der_to_raw( $signature, 32 );
			}
		}
		return $input . '.' . Base64Url::encode( $signature );
	}

	private function verify( string $assertion ): void {
		$this->assertion()->verify( $assertion, $this->client, array( self::ISSUER, self::TOKEN_URL ) );
	}

	private function assert_refused( string $description, string $assertion ): void {
		try {
			$this->verify( $assertion );
		} catch ( OAuth_Error $error ) {
			$this->assertSame( 'invalid_client', $error->error_code() );
			$this->assertSame( 401, $error->status() );
			$this->assertStringContainsString( $description, $error->description() );
			return;
		}
		$this->fail( 'The assertion was accepted; expected: ' . $description );
	}

	/**
	 * @return array<string,array{string}>
	 */
	public function algorithms(): array {
		return array(
			'RS256' => array( 'RS256' ),
			'ES256' => array( 'ES256' ),
			'PS256' => array( 'PS256' ),
		);
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_an_assertion_signed_with_a_registered_key_is_accepted( string $alg ): void {
		$this->verify( self::signed( $alg ) );
		$this->assertCount( 1, $this->jtis->entries );
	}

	public function test_the_issuer_is_an_accepted_audience_and_aud_may_be_a_list(): void {
		$this->verify( self::signed( 'ES256', array( 'aud' => self::ISSUER ) ) );
		$this->verify( self::signed( 'ES256', array( 'aud' => array( 'https://other.example', self::TOKEN_URL ), 'jti' => 'jti-2' ) ) );
		$this->assertCount( 2, $this->jtis->entries );
	}

	/**
	 * @dataProvider algorithms
	 */
	public function test_a_signature_by_another_key_is_refused( string $alg ): void {
		$stranger = 'ES256' === $alg ? Key_Pair::generate( 'ES256', 'kid-ES256' ) : Test_Keys::pair( 'RS256', 'stranger' );
		$this->assert_refused( 'signature does not verify', self::signed( $alg, array(), array(), $stranger ) );
	}

	public function test_a_tampered_ps256_assertion_is_refused(): void {
		$parts    = explode( '.', self::signed( 'PS256' ) );
		$claims   = array_merge( self::claims(), array( 'sub' => 'someone-else' ) );
		$parts[1] = Base64Url::encode( (string) json_encode( $claims ) );
		$this->assert_refused( 'signature does not verify', implode( '.', $parts ) );
	}

	public function test_alg_none_is_refused(): void {
		$header = Base64Url::encode( (string) json_encode( array( 'alg' => 'none' ) ) );
		$this->assert_refused( 'must be signed with RS256, ES256, PS256', $header . '.' . Base64Url::encode( (string) json_encode( self::claims() ) ) . '.' );
	}

	public function test_hs256_is_refused_even_keyed_with_the_public_key(): void {
		$header = Base64Url::encode( (string) json_encode( array( 'alg' => 'HS256', 'kid' => 'kid-RS256' ) ) );
		$input  = $header . '.' . Base64Url::encode( (string) json_encode( self::claims() ) );
		$mac    = hash_hmac( 'sha256', $input, (string) json_encode( self::jwk( 'RS256' ) ), true );
		$this->assert_refused( 'must be signed with RS256, ES256, PS256', $input . '.' . Base64Url::encode( $mac ) );
	}

	public function test_an_unknown_kid_is_refused(): void {
		$this->assert_refused( 'No key of the client matches', self::signed( 'RS256', array(), array( 'kid' => 'nobody' ) ) );
		$this->assertSame( 0, $this->keys->refreshes, 'Pasted keys are never fetched again.' );
	}

	public function test_an_unknown_kid_refetches_the_jwks_uri_once(): void {
		$this->client->jwks        = null;
		$this->client->jwks_uri    = 'https://client.example/jwks';
		$this->keys->keys          = array( self::jwk( 'ES256' ) );
		$this->keys->after_refresh = array( self::jwk( 'RS256', 'rotated' ) );
		$this->verify( self::signed( 'RS256', array(), array( 'kid' => 'rotated' ) ) );
		$this->assertSame( 1, $this->keys->refreshes );
		$this->assert_refused( 'No key of the client matches', self::signed( 'RS256', array( 'jti' => 'jti-2' ), array( 'kid' => 'still-unknown' ) ) );
		$this->assertSame( 2, $this->keys->refreshes );
	}

	public function test_keys_that_cannot_be_fetched_are_named(): void {
		$this->client->jwks     = null;
		$this->client->jwks_uri = 'https://client.example/jwks';
		$this->keys->keys       = null;
		$this->assert_refused( 'keys are unavailable: The jwks_uri answered with HTTP status 500', self::signed() );
	}

	public function test_a_key_of_another_algorithm_named_by_kid_is_refused(): void {
		$this->assert_refused( 'does not fit', self::signed( 'ES256', array(), array( 'kid' => 'kid-RS256' ) ) );
	}

	public function test_iss_other_than_the_client_is_refused(): void {
		$this->assert_refused( 'iss must be the client_id', self::signed( 'RS256', array( 'iss' => 'someone-else' ) ) );
	}

	public function test_sub_other_than_the_client_is_refused(): void {
		$this->assert_refused( 'sub must be the client_id', self::signed( 'RS256', array( 'sub' => 'someone-else' ) ) );
	}

	public function test_another_audience_is_refused(): void {
		$this->assert_refused( 'aud must be the token endpoint URL or the issuer', self::signed( 'RS256', array( 'aud' => 'https://other.example/token' ) ) );
		$this->assert_refused( 'aud must be the token endpoint URL or the issuer', self::signed( 'RS256', array( 'aud' => null ) ) );
	}

	public function test_exp_is_required(): void {
		$this->assert_refused( 'The "exp" claim is missing', self::signed( 'RS256', array( 'exp' => null ) ) );
		$this->assert_refused( 'The "exp" claim is missing', self::signed( 'RS256', array( 'exp' => (string) ( self::NOW + 60 ) ) ) );
	}

	public function test_jti_and_sub_are_required(): void {
		$this->assert_refused( 'The "jti" claim is missing', self::signed( 'RS256', array( 'jti' => null ) ) );
		$this->assert_refused( 'The "sub" claim is missing', self::signed( 'RS256', array( 'sub' => null ) ) );
	}

	public function test_an_expired_assertion_is_refused_after_the_clock_tolerance(): void {
		$this->verify( self::signed( 'RS256', array( 'exp' => self::NOW - Client_Assertion::CLOCK_TOLERANCE + 1 ) ) );
		$this->assert_refused( 'has expired', self::signed( 'RS256', array( 'exp' => self::NOW - Client_Assertion::CLOCK_TOLERANCE, 'jti' => 'jti-2' ) ) );
	}

	public function test_nbf_ahead_is_refused(): void {
		$this->assert_refused( 'not valid yet', self::signed( 'RS256', array( 'nbf' => self::NOW + Client_Assertion::CLOCK_TOLERANCE + 1 ) ) );
	}

	public function test_iat_ahead_is_refused(): void {
		$this->assert_refused( 'iat lies in the future', self::signed( 'RS256', array( 'iat' => self::NOW + Client_Assertion::CLOCK_TOLERANCE + 1 ) ) );
		$this->assert_refused( 'iat is not an integer', self::signed( 'RS256', array( 'iat' => 'now' ) ) );
	}

	public function test_an_assertion_made_too_long_ago_is_refused_whatever_its_exp(): void {
		$this->assert_refused( 'made more than 300 seconds ago', self::signed( 'RS256', array( 'iat' => self::NOW - 361, 'exp' => self::NOW + 3600 ) ) );
	}

	public function test_a_distant_exp_is_accepted_with_a_recent_iat_and_its_jti_kept_only_as_long_as_it_counts(): void {
		$this->verify( self::signed( 'RS256', array( 'exp' => self::NOW + 3600 ) ) );
		$this->assertSame( array( self::CLIENT_ID . "\njti-1" => self::NOW + 300 + 60 ), $this->jtis->entries );
	}

	public function test_without_iat_exp_may_lie_at_most_the_maximum_age_ahead(): void {
		$this->verify( self::signed( 'RS256', array( 'iat' => null, 'exp' => self::NOW + 360 ) ) );
		$this->assert_refused( 'exp lies more than 300 seconds ahead', self::signed( 'RS256', array( 'iat' => null, 'exp' => self::NOW + 361, 'jti' => 'jti-2' ) ) );
	}

	public function test_a_replayed_jti_is_refused_until_the_assertion_could_not_count_anyway(): void {
		$assertion = self::signed( 'RS256' );
		$this->verify( $assertion );
		$this->assert_refused( 'already used', $assertion );
		$this->assert_refused( 'already used', self::signed( 'ES256' ) );
		$this->clock->advance( 60 + Client_Assertion::CLOCK_TOLERANCE + 1 );
		$this->verify( self::signed( 'RS256', array( 'iat' => $this->clock->now(), 'exp' => $this->clock->now() + 60 ) ) );
	}

	public function test_the_same_jti_from_another_client_is_another_entry(): void {
		$this->jtis->use_once( 'another-client', 'jti-1', self::NOW + 100, self::NOW );
		$this->verify( self::signed() );
		$this->assertCount( 2, $this->jtis->entries );
	}

	public function test_malformed_assertions_are_refused(): void {
		$this->assert_refused( 'not a well-formed signed JWT', 'not-a-jwt' );
		$this->assert_refused( 'not a well-formed signed JWT', self::signed( 'RS256', array(), array( 'kid' => 7 ) ) );
		$this->assert_refused( 'critical header extensions', self::signed( 'RS256', array(), array( 'crit' => array( 'x' ) ) ) );
	}

	public function test_the_client_claimed_is_read_from_sub_unverified(): void {
		$this->assertSame( self::CLIENT_ID, Client_Assertion::claimed_client_id( self::signed() ) );
		$this->assertNull( Client_Assertion::claimed_client_id( self::signed( 'RS256', array( 'sub' => null ) ) ) );
		$this->assertNull( Client_Assertion::claimed_client_id( 'garbage' ) );
	}
}
