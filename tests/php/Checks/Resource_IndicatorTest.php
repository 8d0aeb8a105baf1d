<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Checks;

use Keystone_OIDC\Checks\Resource_Indicator;
use Keystone_OIDC\Http\OAuth_Error;
use PHPUnit\Framework\TestCase;

final class Resource_IndicatorTest extends TestCase {
	const API     = 'https://api.example.test';
	const REPORTS = 'https://reports.example.test/v1';
	const URN     = 'urn:example:ledger';

	/**
	 * @return array<string, array{string, bool}>
	 */
	public function uris(): array {
		return array(
			'https'              => array( self::API, true ),
			'with path, query'   => array( 'https://api.example.test/v1?tenant=a', true ),
			'urn'                => array( self::URN, true ),
			'relative'           => array( '/api', false ),
			'no scheme'          => array( 'api.example.test', false ),
			'fragment'           => array( 'https://api.example.test/#x', false ),
			'whitespace'         => array( 'https://api.example.test/a b', false ),
			'scheme only'        => array( 'https:', false ),
			'too long'           => array( 'https://api.example.test/' . str_repeat( 'a', 2000 ), false ),
			'digit first scheme' => array( '1http://api.example.test', false ),
		);
	}

	/**
	 * @dataProvider uris
	 */
	public function test_accepts_absolute_uris_without_fragment( string $uri, bool $valid ): void {
		$this->assertSame( $valid, Resource_Indicator::is_valid( $uri ) );
	}

	public function test_permitted_resources_pass(): void {
		Resource_Indicator::assert_permitted( array( self::API, self::URN ), array( self::URN, self::REPORTS, self::API ) );
		Resource_Indicator::assert_permitted( array(), array() );
		$this->addToAssertionCount( 1 );
	}

	public function test_a_resource_not_registered_is_invalid_target(): void {
		$this->assert_invalid_target(
			static function (): void {
				Resource_Indicator::assert_permitted( array( self::API, self::REPORTS ), array( self::API ) );
			}
		);
	}

	public function test_a_malformed_resource_is_invalid_target_even_when_registered(): void {
		$this->assert_invalid_target(
			static function (): void {
				Resource_Indicator::assert_permitted( array( 'api' ), array( 'api' ) );
			}
		);
	}

	public function test_matching_is_exact(): void {
		$this->assert_invalid_target(
			static function (): void {
				Resource_Indicator::assert_permitted( array( self::API . '/' ), array( self::API ) );
			}
		);
	}

	public function test_tokens_of_a_grant_that_named_no_resource_are_for_the_client_alone(): void {
		// RFC 9700 §4.10.1: a resource server gets tokens only when named, never by registration alone.
		$this->assertSame( array(), Resource_Indicator::for_tokens( array(), array(), array( self::API, self::URN ) ) );
		$this->assertSame( array(), Resource_Indicator::for_tokens( array(), array(), array() ) );
	}

	public function test_tokens_keep_the_resources_the_grant_named(): void {
		$this->assertSame( array( self::API ), Resource_Indicator::for_tokens( array(), array( self::API ), array( self::API, self::URN ) ) );
	}

	public function test_a_token_request_narrows_within_the_grant(): void {
		$this->assertSame( array( self::URN ), Resource_Indicator::for_tokens( array( self::URN ), array( self::API, self::URN ), array( self::API, self::URN ) ) );
		$this->assertSame( array( self::URN ), Resource_Indicator::for_tokens( array( self::URN ), array(), array( self::API, self::URN ) ) );
	}

	public function test_a_token_request_cannot_widen_the_grant(): void {
		$this->assert_invalid_target(
			static function (): void {
				Resource_Indicator::for_tokens( array( self::URN ), array( self::API ), array( self::API, self::URN ) );
			}
		);
	}

	public function test_an_audience_removed_from_the_client_is_no_longer_targeted(): void {
		$this->assertSame( array( self::URN ), Resource_Indicator::for_tokens( array(), array( self::API, self::URN ), array( self::URN ) ) );
		$this->assert_invalid_target(
			static function (): void {
				Resource_Indicator::for_tokens( array( self::API ), array( self::API, self::URN ), array( self::URN ) );
			}
		);
	}

	public function test_a_grant_whose_resources_were_all_removed_is_invalid_target(): void {
		$this->assert_invalid_target(
			static function (): void {
				Resource_Indicator::for_tokens( array(), array( self::API ), array( self::URN ) );
			}
		);
	}

	private function assert_invalid_target( callable $call ): void {
		try {
			$call();
		} catch ( OAuth_Error $error ) {
			$this->assertSame( 'invalid_target', $error->error_code() );
			$this->assertSame( 400, $error->status() );
			$this->assertNotSame( '', $error->description() );
			return;
		}
		$this->fail( 'expected invalid_target' );
	}
}
