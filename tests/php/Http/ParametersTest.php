<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Http;

use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;
use PHPUnit\Framework\TestCase;

final class ParametersTest extends TestCase {
	public function test_decodes_form_encoding(): void {
		$params = Parameters::parse( 'state=a%2Bb%26c%3Dd%2520e&scope=openid+profile&nonce=x%20y' );
		$this->assertSame( 'a+b&c=d%20e', $params->get( 'state' ) );
		$this->assertSame( 'openid profile', $params->get( 'scope' ) );
		$this->assertSame( 'x y', $params->get( 'nonce' ) );
	}

	public function test_missing_and_empty_are_both_absent(): void {
		$params = Parameters::parse( 'state=&nonce' );
		$this->assertNull( $params->get( 'state' ) );
		$this->assertNull( $params->get( 'nonce' ) );
		$this->assertNull( $params->get( 'client_id' ) );
		$this->assertFalse( $params->has( 'state' ) );
		$this->assertTrue( $params->has_name( 'state' ) );
	}

	public function test_zero_is_a_value(): void {
		$this->assertSame( '0', Parameters::parse( 'max_age=0' )->get( 'max_age' ) );
	}

	public function test_repeated_parameter_is_invalid_request(): void {
		$this->assert_invalid_request( 'state must not be repeated', Parameters::parse( 'state=a&state=b' ), 'state' );
	}

	public function test_repeated_empty_value_does_not_count_as_repetition(): void {
		$this->assertSame( 'a', Parameters::parse( 'state=a&state=' )->get( 'state' ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function array_syntax(): array {
		return array(
			'list'   => array( 'client_id[]=abc' ),
			'keyed'  => array( 'client_id[x]=abc' ),
			'both'   => array( 'client_id=abc&client_id[]=def' ),
			'nested' => array( 'client_id[a][b]=abc' ),
		);
	}

	/**
	 * @dataProvider array_syntax
	 */
	public function test_array_syntax_is_invalid_request( string $query ): void {
		$this->assert_invalid_request( 'client_id must be a single string', Parameters::parse( $query ), 'client_id' );
	}

	public function test_a_name_starting_with_a_bracket_is_an_ordinary_name(): void {
		$this->assertSame( 'x', Parameters::parse( '%5Bfoo%5D=x' )->get( '[foo]' ) );
	}

	public function test_invalid_utf8_is_invalid_request(): void {
		$this->assert_invalid_request( 'state must be valid UTF-8 without control characters', Parameters::parse( 'state=%FF%FE' ), 'state' );
	}

	public function test_control_characters_are_invalid_request(): void {
		$this->assert_invalid_request( 'state must be valid UTF-8 without control characters', Parameters::parse( 'state=a%00b' ), 'state' );
		$this->assert_invalid_request( 'state must be valid UTF-8 without control characters', Parameters::parse( 'state=a%0Db' ), 'state' );
	}

	public function test_unicode_is_kept(): void {
		$this->assertSame( 'ünï©ødé', Parameters::parse( 'state=' . rawurlencode( 'ünï©ødé' ) )->get( 'state' ) );
	}

	public function test_assert_single_names_the_first_offender(): void {
		$params = Parameters::parse( 'a=1&b=2&b=3&c[]=4' );
		$this->assert_invalid_request( 'b must not be repeated', $params, null, array( 'a', 'b', 'c' ) );
	}

	public function test_to_array_keeps_single_values_only(): void {
		$params = Parameters::parse( 'a=1&b=2&b=3&c=&d[]=4&e=5' );
		$this->assertSame(
			array(
				'a' => '1',
				'e' => '5',
			),
			$params->to_array()
		);
	}

	public function test_all_keeps_every_value_of_a_repeated_parameter(): void {
		$params = Parameters::parse( 'resource=https%3A%2F%2Fa.test&resource=&resource=urn%3Ab&resource=https%3A%2F%2Fa.test' );
		$this->assertSame( array( 'https://a.test', 'urn:b' ), $params->all( 'resource' ) );
		$this->assertSame( array(), $params->all( 'scope' ) );
	}

	public function test_all_refuses_array_syntax_and_unclean_text(): void {
		foreach ( array( 'resource[]=x', 'resource=a&resource=%FF' ) as $query ) {
			try {
				Parameters::parse( $query )->all( 'resource' );
				$this->fail( 'Expected invalid_request for ' . $query );
			} catch ( OAuth_Error $error ) {
				$this->assertSame( 'invalid_request', $error->error_code() );
			}
		}
	}

	/**
	 * @param string[] $names
	 */
	private function assert_invalid_request( string $description, Parameters $params, ?string $name, array $names = array() ): void {
		try {
			if ( null === $name ) {
				$params->assert_single( $names );
			} else {
				$params->get( $name );
			}
			$this->fail( 'Expected invalid_request' );
		} catch ( OAuth_Error $error ) {
			$this->assertSame( 'invalid_request', $error->error_code() );
			$this->assertSame( 400, $error->status() );
			$this->assertSame( $description, $error->description() );
		}
	}
}
