<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Checks;

use Keystone_OIDC\Checks\Pkce;
use Keystone_OIDC\Crypto\Base64Url;
use PHPUnit\Framework\TestCase;

final class PkceTest extends TestCase {
	/** RFC 7636 Appendix B. */
	private const RFC_VERIFIER  = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
	private const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

	public function test_rfc_7636_appendix_b_s256_example_verifies(): void {
		$this->assertTrue( Pkce::verify( self::RFC_VERIFIER, self::RFC_CHALLENGE, 'S256' ) );
	}

	public function test_s256_refuses_a_different_verifier(): void {
		$this->assertFalse( Pkce::verify( 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXl', self::RFC_CHALLENGE, 'S256' ) );
	}

	public function test_s256_refuses_the_challenge_sent_back_as_verifier(): void {
		$this->assertFalse( Pkce::verify( self::RFC_CHALLENGE, self::RFC_CHALLENGE, 'S256' ) );
	}

	public function test_plain_never_verifies_even_with_the_verifier_as_challenge(): void {
		// RFC 9700 §2.1.1: S256 only; a code stored with `plain` by an older version is not redeemable.
		$this->assertFalse( Pkce::verify( self::RFC_VERIFIER, self::RFC_VERIFIER, 'plain' ) );
		$this->assertFalse( Pkce::is_valid_challenge( self::RFC_VERIFIER, 'plain' ) );
	}

	public function test_a_plain_challenge_does_not_pass_as_s256(): void {
		// 43 characters, so it is a well-formed S256 challenge, but not the hash of the verifier.
		$this->assertFalse( Pkce::verify( self::RFC_VERIFIER, self::RFC_VERIFIER, 'S256' ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function unknown_methods(): array {
		return array(
			'lowercase s256'  => array( 's256' ),
			'uppercase PLAIN' => array( 'PLAIN' ),
			'empty'           => array( '' ),
			'S512'            => array( 'S512' ),
			'plain'           => array( 'plain' ),
		);
	}

	/**
	 * @dataProvider unknown_methods
	 */
	public function test_unknown_methods_never_verify( string $method ): void {
		$this->assertFalse( Pkce::verify( self::RFC_VERIFIER, self::RFC_CHALLENGE, $method ) );
		$this->assertFalse( Pkce::verify( self::RFC_VERIFIER, self::RFC_VERIFIER, $method ) );
		$this->assertFalse( Pkce::is_valid_challenge( self::RFC_CHALLENGE, $method ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function valid_verifiers(): array {
		return array(
			'rfc example'      => array( self::RFC_VERIFIER ),
			'43 characters'    => array( str_repeat( 'a', 43 ) ),
			'128 characters'   => array( str_repeat( 'Z', 128 ) ),
			'every unreserved' => array( 'ABCXYZabcxyz0189-._~' . str_repeat( '0', 23 ) ),
		);
	}

	/**
	 * @dataProvider valid_verifiers
	 */
	public function test_valid_verifiers( string $verifier ): void {
		$this->assertTrue( Pkce::is_valid_verifier( $verifier ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function invalid_verifiers(): array {
		return array(
			'empty'            => array( '' ),
			'42 characters'    => array( str_repeat( 'a', 42 ) ),
			'129 characters'   => array( str_repeat( 'a', 129 ) ),
			'plus'             => array( str_repeat( 'a', 42 ) . '+' ),
			'slash'            => array( str_repeat( 'a', 42 ) . '/' ),
			'padding'          => array( str_repeat( 'a', 42 ) . '=' ),
			'space'            => array( str_repeat( 'a', 21 ) . ' ' . str_repeat( 'a', 21 ) ),
			'trailing newline' => array( str_repeat( 'a', 43 ) . "\n" ),
			'non-ASCII'        => array( str_repeat( 'a', 42 ) . 'é' ),
		);
	}

	/**
	 * @dataProvider invalid_verifiers
	 */
	public function test_invalid_verifiers_are_refused_and_never_verify( string $verifier ): void {
		$this->assertFalse( Pkce::is_valid_verifier( $verifier ) );
		$this->assertFalse( Pkce::verify( $verifier, Base64Url::encode( hash( 'sha256', $verifier, true ) ), 'S256' ) );
	}

	public function test_valid_s256_challenge_is_43_base64url_characters(): void {
		$this->assertTrue( Pkce::is_valid_challenge( self::RFC_CHALLENGE, 'S256' ) );
		$this->assertTrue( Pkce::is_valid_challenge( str_repeat( '-', 21 ) . str_repeat( '_', 22 ), 'S256' ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function invalid_s256_challenges(): array {
		return array(
			'empty'          => array( '' ),
			'42 characters'  => array( substr( self::RFC_CHALLENGE, 0, 42 ) ),
			'44 characters'  => array( self::RFC_CHALLENGE . 'A' ),
			'with padding'   => array( self::RFC_CHALLENGE . '=' ),
			'base64 plus'    => array( '+' . substr( self::RFC_CHALLENGE, 1 ) ),
			'base64 slash'   => array( '/' . substr( self::RFC_CHALLENGE, 1 ) ),
			'tilde'          => array( '~' . substr( self::RFC_CHALLENGE, 1 ) ),
			'hex of sha-256' => array( hash( 'sha256', self::RFC_VERIFIER ) ),
		);
	}

	/**
	 * @dataProvider invalid_s256_challenges
	 */
	public function test_invalid_s256_challenges_are_refused( string $challenge ): void {
		$this->assertFalse( Pkce::is_valid_challenge( $challenge, 'S256' ) );
		$this->assertFalse( Pkce::verify( self::RFC_VERIFIER, $challenge, 'S256' ) );
	}
}
