<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Crypto;

use InvalidArgumentException;
use Keystone_OIDC\Crypto\Base64Url;
use Keystone_OIDC\Crypto\Token_Hash;
use PHPUnit\Framework\TestCase;

final class Token_HashTest extends TestCase {
	public function test_at_hash_of_the_openid_connect_core_example(): void {
		// OpenID Connect Core 1.0 Appendix A.3: access token and the ID token's at_hash (RS256).
		$this->assertSame( '77QmUPtjPfzWtF2AnpK9RQ', Token_Hash::half_hash( 'jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y', 'RS256' ) );
	}

	public function test_c_hash_of_the_openid_connect_core_example(): void {
		// OpenID Connect Core 1.0 Appendix A.4: authorization code and the ID token's c_hash (RS256).
		$this->assertSame( 'LDktKdoQak3Pk0cnXxCltA', Token_Hash::half_hash( 'Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk', 'RS256' ) );
	}

	public function test_es256_uses_sha256_like_rs256(): void {
		$this->assertSame( '77QmUPtjPfzWtF2AnpK9RQ', Token_Hash::half_hash( 'jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y', 'ES256' ) );
	}

	/**
	 * @return array<string, array{string, string, int}>
	 */
	public function longer_hashes(): array {
		return array(
			'RS384' => array( 'RS384', 'sha384', 24 ),
			'ES384' => array( 'ES384', 'sha384', 24 ),
			'RS512' => array( 'RS512', 'sha512', 32 ),
			'ES512' => array( 'ES512', 'sha512', 32 ),
		);
	}

	/**
	 * @dataProvider longer_hashes
	 */
	public function test_384_and_512_algorithms_use_the_left_half_of_their_own_hash( string $alg, string $hash, int $half_bytes ): void {
		$value    = 'an access token';
		$expected = Base64Url::encode( substr( hash( $hash, $value, true ), 0, $half_bytes ) );

		$this->assertSame( $expected, Token_Hash::half_hash( $value, $alg ) );
		$this->assertSame( $half_bytes, strlen( (string) Base64Url::decode( $expected ) ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function algorithms_without_a_hash(): array {
		return array(
			'none'      => array( 'none' ),
			'empty'     => array( '' ),
			'EdDSA'     => array( 'EdDSA' ),
			'lowercase' => array( 'rs256' ),
			'RS1'       => array( 'RS1' ),
		);
	}

	/**
	 * @dataProvider algorithms_without_a_hash
	 */
	public function test_refuses_an_algorithm_without_a_defined_hash( string $alg ): void {
		$this->expectException( InvalidArgumentException::class );

		Token_Hash::half_hash( 'value', $alg );
	}
}
