<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Resource;

use Keystone_OIDC\Resource\Bearer_Header;
use PHPUnit\Framework\TestCase;

final class Bearer_HeaderTest extends TestCase {
	/**
	 * @return array<string, array{string|null, bool}>
	 */
	public function schemes(): array {
		return array(
			'bearer'               => array( 'Bearer abc', true ),
			'any case'             => array( 'bEARER abc', true ),
			'scheme alone'         => array( 'Bearer', true ),
			'malformed token'      => array( 'Bearer a b', true ),
			'basic'                => array( 'Basic YTpi', false ),
			'bearer-like word'     => array( 'Bearerish abc', false ),
			'no header'            => array( null, false ),
			'empty'                => array( '', false ),
			'leading space'        => array( ' Bearer abc', false ),
		);
	}

	/**
	 * @dataProvider schemes
	 */
	public function test_is_bearer( ?string $header, bool $expected ): void {
		$this->assertSame( $expected, Bearer_Header::is_bearer( $header ) );
	}

	/**
	 * @return array<string, array{string, string|null}>
	 */
	public function tokens(): array {
		return array(
			'jwt'                  => array( 'Bearer eyJhbGciOi.eyJzdWIi.c2ln', 'eyJhbGciOi.eyJzdWIi.c2ln' ),
			'b64token characters'  => array( 'Bearer A-z0._~+/9==', 'A-z0._~+/9==' ),
			'several spaces'       => array( 'Bearer   abc', 'abc' ),
			'lower-case scheme'    => array( 'bearer abc', 'abc' ),
			'no token'             => array( 'Bearer ', null ),
			'space inside'         => array( 'Bearer a b', null ),
			'comma'                => array( 'Bearer a,b', null ),
			'padding in the middle' => array( 'Bearer a=b', null ),
			'trailing newline'     => array( "Bearer abc\n", null ),
			'other scheme'         => array( 'Basic abc', null ),
		);
	}

	/**
	 * @dataProvider tokens
	 */
	public function test_token( string $header, ?string $expected ): void {
		$this->assertSame( $expected, Bearer_Header::token( $header ) );
	}

	public function test_challenge_quotes_each_parameter_in_order(): void {
		$this->assertSame(
			'Bearer error="insufficient_scope", scope="wordpress:write", resource_metadata="https://site.test/.well-known/oauth-protected-resource/wp-json"',
			Bearer_Header::challenge(
				array(
					'error'             => 'insufficient_scope',
					'scope'             => 'wordpress:write',
					'resource_metadata' => 'https://site.test/.well-known/oauth-protected-resource/wp-json',
				)
			)
		);
	}

	public function test_challenge_escapes_quotes_and_backslashes_and_blanks_control_characters(): void {
		$this->assertSame(
			'Bearer error_description="a \\"quoted\\" \\\\ text  here"',
			Bearer_Header::challenge( array( 'error_description' => "a \"quoted\" \\ text\r\nhere" ) )
		);
	}

	public function test_challenge_without_parameters_is_the_scheme(): void {
		$this->assertSame( 'Bearer', Bearer_Header::challenge( array() ) );
	}
}
