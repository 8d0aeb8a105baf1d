<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Jwt;

use Keystone_OIDC\Jwt\Verify_Options;
use PHPUnit\Framework\TestCase;

final class Verify_OptionsTest extends TestCase {
	public function test_the_defaults_enforce_expiry_and_check_nothing_else(): void {
		$options = Verify_Options::allowing( 'RS256' );

		$this->assertSame( array( 'RS256' ), $options->algorithms() );
		$this->assertNull( $options->typ() );
		$this->assertNull( $options->issuer() );
		$this->assertSame( array(), $options->audiences() );
		$this->assertSame( array(), $options->string_claims() );
		$this->assertTrue( $options->enforces_expiry() );
		$this->assertSame( 0, $options->clock_tolerance() );
	}

	public function test_each_with_answers_a_copy_and_leaves_the_original_as_it_was(): void {
		$base    = Verify_Options::allowing( 'RS256', 'ES256' );
		$derived = $base->with_typ( 'Application/AT+JWT' )
			->with_issuer( 'https://example.test' )
			->with_audience( 'api' )
			->with_string_claims( 'sub', 'jti' )
			->with_string_claims( 'sub' )
			->with_clock_tolerance( 30 )
			->accepting_expired();

		$this->assertSame( 'at+jwt', $derived->typ() );
		$this->assertFalse( $derived->typ_may_be_absent() );
		$this->assertSame( 'https://example.test', $derived->issuer() );
		$this->assertSame( array( 'api' ), $derived->audiences() );
		$this->assertSame( array( 'sub', 'jti' ), $derived->string_claims() );
		$this->assertSame( 30, $derived->clock_tolerance() );
		$this->assertFalse( $derived->enforces_expiry() );
		$this->assertEquals( Verify_Options::allowing( 'RS256', 'ES256' ), $base );
	}

	public function test_a_negative_clock_tolerance_is_none(): void {
		$this->assertSame( 0, Verify_Options::allowing( 'RS256' )->with_clock_tolerance( -5 )->clock_tolerance() );
	}
}
