<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Crypto;

use Keystone_OIDC\Crypto\Legacy_Secret_Hash;
use Keystone_OIDC\Crypto\Secret_Hash;
use PHPUnit\Framework\TestCase;

final class Legacy_Secret_HashTest extends TestCase {
	/**
	 * A client secret of Keystone OIDC 2.3.1 and the hash it stored, made by WordPress 6.8's
	 * `wp_hash_password()` (`$wp` + bcrypt of the HMAC-SHA384 pre-hash).
	 */
	const SECRET  = '18394956f4921e9b01745a7f3c1b866ee3d9114b8fc5a6ae39405ff244beaec5';
	const WP_HASH = '$wp$2y$10$KIc3/XuvcvsRp3gWE.VNvOax0Qw1Zcvva.v.146RWJI.2bj3XXnV6';

	public function test_accepts_the_secret_against_its_wordpress_hash(): void {
		$this->assertTrue( Legacy_Secret_Hash::verify( self::SECRET, self::WP_HASH ) );
	}

	public function test_accepts_a_plain_password_hash(): void {
		$hash = password_hash( self::SECRET, PASSWORD_BCRYPT );
		$this->assertTrue( Legacy_Secret_Hash::verify( self::SECRET, $hash ) );
		$this->assertFalse( Legacy_Secret_Hash::verify( self::SECRET . 'x', $hash ) );
	}

	/**
	 * @return array<string, array{string, string}>
	 */
	public function refused(): array {
		return array(
			'wrong secret'                      => array( substr( self::SECRET, 0, -1 ) . '0', self::WP_HASH ),
			'empty secret'                      => array( '', self::WP_HASH ),
			'the hash itself as the secret'     => array( self::WP_HASH, self::WP_HASH ),
			'bcrypt part without the pre-hash'  => array( self::SECRET, substr( self::WP_HASH, 3 ) ),
			'MD5 of the secret'                 => array( self::SECRET, md5( self::SECRET ) ),
			'our own SHA-256 form'              => array( self::SECRET, Secret_Hash::hash( self::SECRET ) ),
			'empty hash'                        => array( self::SECRET, '' ),
			'secret longer than WordPress takes' => array( str_repeat( 'a', 4097 ), password_hash( str_repeat( 'a', 4097 ), PASSWORD_BCRYPT ) ),
		);
	}

	/**
	 * @dataProvider refused
	 */
	public function test_refuses( string $secret, string $hash ): void {
		$this->assertFalse( Legacy_Secret_Hash::verify( $secret, $hash ) );
	}
}
