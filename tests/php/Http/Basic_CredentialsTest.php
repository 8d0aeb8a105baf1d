<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Http;

use Keystone_OIDC\Http\Basic_Credentials;
use Keystone_OIDC\Http\OAuth_Error;
use PHPUnit\Framework\TestCase;

final class Basic_CredentialsTest extends TestCase {
	public function test_plain_credentials(): void {
		$credentials = Basic_Credentials::parse( 'Basic ' . base64_encode( 'client:secret' ) );
		$this->assertSame( 'client', $credentials->client_id );
		$this->assertSame( 'secret', $credentials->client_secret );
	}

	/**
	 * RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
	 */
	public function test_form_encoded_parts_are_decoded(): void {
		$header      = 'Basic ' . base64_encode( urlencode( 'my:client' ) . ':' . urlencode( 's%cr+t:é ' ) );
		$credentials = Basic_Credentials::parse( $header );
		$this->assertSame( 'my:client', $credentials->client_id );
		$this->assertSame( 's%cr+t:é ', $credentials->client_secret );
	}

	public function test_plus_in_a_secret_is_a_space_as_form_encoding_says(): void {
		$this->assertSame( 'a b', Basic_Credentials::parse( 'Basic ' . base64_encode( 'c:a+b' ) )->client_secret );
	}

	public function test_secret_may_contain_a_colon(): void {
		$this->assertSame( 'se:cret', Basic_Credentials::parse( 'Basic ' . base64_encode( 'c:se:cret' ) )->client_secret );
	}

	public function test_scheme_is_case_insensitive(): void {
		$this->assertSame( 'c', Basic_Credentials::parse( 'basic ' . base64_encode( 'c:s' ) )->client_id );
		$this->assertTrue( Basic_Credentials::is_basic( 'BASIC abc' ) );
		$this->assertFalse( Basic_Credentials::is_basic( 'Bearer abc' ) );
		$this->assertFalse( Basic_Credentials::is_basic( 'Basicabc' ) );
		$this->assertFalse( Basic_Credentials::is_basic( null ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function malformed(): array {
		return array(
			'no credentials'  => array( 'Basic' ),
			'not base64'      => array( 'Basic !!!' ),
			'no colon'        => array( 'Basic ' . base64_encode( 'client' ) ),
			'empty client id' => array( 'Basic ' . base64_encode( ':secret' ) ),
			'invalid utf-8'   => array( 'Basic ' . base64_encode( "c:\xff" ) ),
			'two tokens'      => array( 'Basic abc def' ),
		);
	}

	/**
	 * @dataProvider malformed
	 */
	public function test_malformed_header_is_invalid_client_401( string $header ): void {
		try {
			Basic_Credentials::parse( $header );
			$this->fail( 'Expected invalid_client' );
		} catch ( OAuth_Error $error ) {
			$this->assertSame( 'invalid_client', $error->error_code() );
			$this->assertSame( 401, $error->status() );
			$this->assertSame( 'Basic realm="keystone-oidc"', $error->headers()['WWW-Authenticate'] );
		}
	}
}
