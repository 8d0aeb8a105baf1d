<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Settings;

use Keystone_OIDC\Settings\Lifetime_Rules;
use PHPUnit\Framework\TestCase;

final class Lifetime_RulesTest extends TestCase {
	public function test_any_subset_of_the_four_keys_within_range_is_accepted(): void {
		$this->assertNull( Lifetime_Rules::first_invalid( array( 'access' => 60 ) ) );
		$this->assertNull(
			Lifetime_Rules::first_invalid(
				array(
					'access'  => 86400,
					'id'      => 600,
					'refresh' => 31536000,
					'code'    => 10,
				)
			)
		);
	}

	public function test_the_first_wrong_key_is_named(): void {
		$this->assertSame( 'access', Lifetime_Rules::first_invalid( array( 'access' => 59 ) ) );
		$this->assertSame( 'id', Lifetime_Rules::first_invalid( array( 'id' => 86401 ) ) );
		$this->assertSame( 'refresh', Lifetime_Rules::first_invalid( array( 'refresh' => 0 ) ) );
		$this->assertSame( 'code', Lifetime_Rules::first_invalid( array( 'code' => 601 ) ) );
		$this->assertSame( 'code', Lifetime_Rules::first_invalid( array( 'code' => '60' ) ), 'a string is not a number of seconds' );
		$this->assertSame( 'code', Lifetime_Rules::first_invalid( array( 'code' => 60.5 ) ) );
		$this->assertSame( 'consent', Lifetime_Rules::first_invalid( array( 'consent' => 600 ) ), 'only the four lifetimes can be set' );
	}

	public function test_a_value_that_is_not_an_object_is_refused_without_a_key(): void {
		foreach ( array( null, 3600, 'x', array(), array( 3600 ) ) as $value ) {
			$this->assertSame( '', Lifetime_Rules::first_invalid( $value ) );
		}
	}

	public function test_stored_values_out_of_range_are_ignored(): void {
		$this->assertSame(
			array(
				'access' => 120,
				'code'   => 30,
			),
			Lifetime_Rules::valid(
				array(
					'access'        => 120,
					'id'            => 5,
					'code'          => '30',
					'key_retention' => array(),
				)
			)
		);
		$this->assertSame( array(), Lifetime_Rules::valid( 'garbage' ) );
	}

	public function test_shortening_token_lifetimes_keeps_the_old_retention_until_old_tokens_expired(): void {
		$before = array(
			'access' => 3600,
			'id'     => 3600,
		);
		$after  = array(
			'access' => 60,
			'id'     => 60,
		);
		$this->assertSame(
			array(
				'seconds' => 3600,
				'until'   => 1003600,
			),
			Lifetime_Rules::retention_floor( $before, $after, null, 1000000 )
		);
	}

	public function test_lengthening_needs_no_floor_and_an_expired_floor_is_dropped(): void {
		$short = array(
			'access' => 60,
			'id'     => 60,
		);
		$long  = array(
			'access' => 7200,
			'id'     => 60,
		);
		$this->assertNull( Lifetime_Rules::retention_floor( $short, $long, null, 1000 ) );
		$this->assertNull(
			Lifetime_Rules::retention_floor(
				$short,
				$long,
				array(
					'seconds' => 3600,
					'until'   => 999,
				),
				1000
			)
		);
	}

	public function test_a_floor_in_force_is_kept_and_never_shortened(): void {
		$floor = array(
			'seconds' => 86400,
			'until'   => 50000,
		);
		$this->assertSame(
			$floor,
			Lifetime_Rules::retention_floor(
				array(
					'access' => 60,
					'id'     => 60,
				),
				array(
					'access' => 120,
					'id'     => 60,
				),
				$floor,
				1000
			)
		);
		$this->assertSame(
			array(
				'seconds' => 86400,
				'until'   => 50000,
			),
			Lifetime_Rules::retention_floor(
				array(
					'access' => 3600,
					'id'     => 60,
				),
				array(
					'access' => 60,
					'id'     => 60,
				),
				$floor,
				1000
			)
		);
	}
}
