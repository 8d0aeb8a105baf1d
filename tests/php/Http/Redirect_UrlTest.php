<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Http;

use Keystone_OIDC\Http\Redirect_Url;
use PHPUnit\Framework\TestCase;

final class Redirect_UrlTest extends TestCase {
	public function test_state_comes_back_byte_for_byte(): void {
		$url = Redirect_Url::build( 'https://rp.example/cb', array( 'state' => 'a+b&c=d%20e' ) );
		$this->assertSame( 'https://rp.example/cb?state=a%2Bb%26c%3Dd%2520e', $url );
		parse_str( (string) parse_url( $url, PHP_URL_QUERY ), $query );
		$this->assertSame( 'a+b&c=d%20e', $query['state'] );
	}

	public function test_space_is_percent_encoded(): void {
		$this->assertSame( 'https://rp.example/cb?error_description=no%20way', Redirect_Url::build( 'https://rp.example/cb', array( 'error_description' => 'no way' ) ) );
	}

	public function test_existing_query_is_kept(): void {
		$this->assertSame( 'https://rp.example/cb?x=1&code=abc', Redirect_Url::build( 'https://rp.example/cb?x=1', array( 'code' => 'abc' ) ) );
	}

	public function test_trailing_question_mark_or_ampersand_adds_no_separator(): void {
		$this->assertSame( 'https://rp.example/cb?code=abc', Redirect_Url::build( 'https://rp.example/cb?', array( 'code' => 'abc' ) ) );
		$this->assertSame( 'https://rp.example/cb?x=1&code=abc', Redirect_Url::build( 'https://rp.example/cb?x=1&', array( 'code' => 'abc' ) ) );
	}

	public function test_fragment_is_dropped(): void {
		$this->assertSame( 'https://rp.example/cb?code=abc', Redirect_Url::build( 'https://rp.example/cb#frag', array( 'code' => 'abc' ) ) );
	}

	public function test_null_values_are_left_out(): void {
		$this->assertSame(
			'com.example.app:/cb?code=abc&iss=https%3A%2F%2Fop.example',
			Redirect_Url::build(
				'com.example.app:/cb',
				array(
					'code'  => 'abc',
					'state' => null,
					'iss'   => 'https://op.example',
				)
			)
		);
	}

	public function test_no_params_leaves_the_uri_alone(): void {
		$this->assertSame( 'https://rp.example/cb?x=1', Redirect_Url::build( 'https://rp.example/cb?x=1', array( 'state' => null ) ) );
	}

	public function test_unicode_and_reserved_characters(): void {
		$this->assertSame( 'state=%C3%BC%2F%3F%23%5B%5D%40%21%24%27%28%29%2A%2C%3B~-._', Redirect_Url::encode( array( 'state' => "ü/?#[]@!$'()*,;~-._" ) ) );
	}
}
