<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Checks;

use Keystone_OIDC\Checks\Scope;
use PHPUnit\Framework\TestCase;

final class ScopeTest extends TestCase {
	/**
	 * @return array<string, array{string, string[]}>
	 */
	public function scope_strings(): array {
		return array(
			'one'                 => array( 'openid', array( 'openid' ) ),
			'three'               => array( 'openid profile email', array( 'openid', 'profile', 'email' ) ),
			'empty'               => array( '', array() ),
			'only spaces'         => array( '   ', array() ),
			'multiple spaces'     => array( 'openid   profile', array( 'openid', 'profile' ) ),
			'leading, trailing'   => array( ' openid profile ', array( 'openid', 'profile' ) ),
			'repeats dropped'     => array( 'email openid email profile openid', array( 'email', 'openid', 'profile' ) ),
			'order kept'          => array( 'profile openid', array( 'profile', 'openid' ) ),
			'case is meaningful'  => array( 'openid OpenID', array( 'openid', 'OpenID' ) ),
			'tab is no delimiter' => array( "openid\tprofile", array( "openid\tprofile" ) ),
			'zero is a token'     => array( '0 openid', array( '0', 'openid' ) ),
		);
	}

	/**
	 * @dataProvider scope_strings
	 * @param string[] $expected
	 */
	public function test_parse( string $scope, array $expected ): void {
		$this->assertSame( $expected, Scope::parse( $scope ) );
	}

	public function test_to_string_joins_with_single_spaces_without_repeats_or_empties(): void {
		$this->assertSame( 'openid profile email', Scope::to_string( array( 'openid', 'profile', 'email' ) ) );
		$this->assertSame( 'openid email', Scope::to_string( array( 'openid', '', 'email', 'openid' ) ) );
		$this->assertSame( '', Scope::to_string( array() ) );
	}

	public function test_to_string_and_parse_are_inverse(): void {
		$scopes = array( 'openid', 'offline_access', 'https://api.example.test/read' );

		$this->assertSame( $scopes, Scope::parse( Scope::to_string( $scopes ) ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function valid_tokens(): array {
		return array(
			'openid'       => array( 'openid' ),
			'lowest char'  => array( '!' ),
			'highest char' => array( '~' ),
			'around quote' => array( '#[' ),
			'around slash' => array( ']}' ),
			'url-like'     => array( 'https://api.example.test/read:all' ),
		);
	}

	/**
	 * @dataProvider valid_tokens
	 */
	public function test_valid_tokens( string $token ): void {
		$this->assertTrue( Scope::is_valid_token( $token ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function invalid_tokens(): array {
		return array(
			'empty'            => array( '' ),
			'space'            => array( 'openid profile' ),
			'double quote'     => array( 'open"id' ),
			'backslash'        => array( 'open\\id' ),
			'tab'              => array( "open\tid" ),
			'trailing newline' => array( "openid\n" ),
			'DEL'              => array( "openid\x7f" ),
			'NUL'              => array( "openid\x00" ),
			'non-ASCII'        => array( 'prófile' ),
		);
	}

	/**
	 * @dataProvider invalid_tokens
	 */
	public function test_invalid_tokens( string $token ): void {
		$this->assertFalse( Scope::is_valid_token( $token ) );
	}
}
