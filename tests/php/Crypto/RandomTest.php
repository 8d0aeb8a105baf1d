<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Crypto;

use Keystone_OIDC\Crypto\Base64Url;
use Keystone_OIDC\Crypto\Random;
use PHPUnit\Framework\TestCase;

final class RandomTest extends TestCase {
	public function test_token_is_base64url_of_the_requested_number_of_bytes(): void {
		$token = Random::token();

		$this->assertMatchesRegularExpression( '/^[A-Za-z0-9_-]{43}$/D', $token );
		$this->assertSame( 32, strlen( (string) Base64Url::decode( $token ) ) );
		$this->assertSame( 16, strlen( (string) Base64Url::decode( Random::token( 16 ) ) ) );
	}

	public function test_hex_is_lowercase_hex_of_the_requested_number_of_bytes(): void {
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{32}$/D', Random::hex() );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{16}$/D', Random::hex( 8 ) );
	}

	public function test_values_do_not_repeat(): void {
		$tokens = array();
		for ( $i = 0; $i < 100; $i++ ) {
			$tokens[] = Random::token();
		}

		$this->assertCount( 100, array_unique( $tokens ) );
		$this->assertNotSame( Random::hex(), Random::hex() );
	}
}
