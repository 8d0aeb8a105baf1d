<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Crypto;

use Keystone_OIDC\Crypto\Secret_Hash;
use PHPUnit\Framework\TestCase;

final class Secret_HashTest extends TestCase {
	public function test_hash_is_lowercase_hex_sha256(): void {
		// FIPS 180-2 Appendix B.1 test vector.
		$this->assertSame( 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', Secret_Hash::hash( 'abc' ) );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{64}$/D', Secret_Hash::hash( 'any secret' ) );
	}

	public function test_verify_accepts_the_secret_that_was_hashed(): void {
		$secret = 'kQ2h3Z2n7d1eS9Qm4lq8Tn0pB6cV5xR1yW3uA7sJ0fE';

		$this->assertTrue( Secret_Hash::verify( $secret, Secret_Hash::hash( $secret ) ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function wrong_secrets(): array {
		return array(
			'other secret'        => array( 'kQ2h3Z2n7d1eS9Qm4lq8Tn0pB6cV5xR1yW3uA7sJ0fF' ),
			'prefix'              => array( 'kQ2h3Z2n7d1eS9Qm4lq8Tn0pB6cV5xR1yW3uA7sJ0f' ),
			'empty'               => array( '' ),
			'the hash itself'     => array( Secret_Hash::hash( 'kQ2h3Z2n7d1eS9Qm4lq8Tn0pB6cV5xR1yW3uA7sJ0fE' ) ),
			'different case'      => array( 'KQ2H3Z2N7D1ES9QM4LQ8TN0PB6CV5XR1YW3UA7SJ0FE' ),
			'trailing whitespace' => array( "kQ2h3Z2n7d1eS9Qm4lq8Tn0pB6cV5xR1yW3uA7sJ0fE\n" ),
		);
	}

	/**
	 * @dataProvider wrong_secrets
	 */
	public function test_verify_refuses_any_other_secret( string $wrong ): void {
		$this->assertFalse( Secret_Hash::verify( $wrong, Secret_Hash::hash( 'kQ2h3Z2n7d1eS9Qm4lq8Tn0pB6cV5xR1yW3uA7sJ0fE' ) ) );
	}

	public function test_verify_refuses_an_empty_or_truncated_stored_hash(): void {
		$hash = Secret_Hash::hash( 'secret' );

		$this->assertFalse( Secret_Hash::verify( 'secret', '' ) );
		$this->assertFalse( Secret_Hash::verify( 'secret', substr( $hash, 0, 32 ) ) );
	}
}
