<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Activity;

use Keystone_OIDC\Activity\Activity_Filter;
use PHPUnit\Framework\TestCase;

/**
 * `GET /activity`'s filters as SQL: placeholders only, values in order.
 */
final class Activity_FilterTest extends TestCase {
	public function test_no_filter_matches_every_entry(): void {
		$this->assertSame( array( '1=1', array() ), ( new Activity_Filter() )->where( 'a' ) );
	}

	public function test_every_filter_adds_its_condition_and_values_in_order(): void {
		$filter            = new Activity_Filter();
		$filter->client_id = 'abc';
		$filter->user_id   = 3;
		$filter->events    = array( 'sign_in', 'token_granted' );
		$filter->after     = 100;
		$filter->before    = 200;

		$this->assertSame(
			array(
				'1=1 AND a.client_id = BINARY %s AND a.user_id = %d AND a.event IN (%s, %s) AND a.created_at >= %d AND a.created_at <= %d',
				array( 'abc', 3, 'sign_in', 'token_granted', 100, 200 ),
			),
			$filter->where( 'a' )
		);
	}
}
