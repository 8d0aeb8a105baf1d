<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Rules;

use Keystone_OIDC\Rules\Scope_Descriptions;
use PHPUnit\Framework\TestCase;

final class Scope_DescriptionsTest extends TestCase {
	public function test_each_scope_keeps_its_order_and_its_words(): void {
		$this->assertSame(
			array(
				array(
					'scope'       => 'email',
					'description' => 'Your email address',
				),
				array(
					'scope'       => 'openid',
					'description' => 'Who you are',
				),
			),
			Scope_Descriptions::pair(
				array( 'email', 'openid' ),
				array(
					'openid' => 'Who you are',
					'email'  => 'Your email address',
				)
			)
		);
	}

	public function test_a_custom_scope_without_words_is_shown_by_its_name(): void {
		$this->assertSame(
			array(
				array(
					'scope'       => 'billing',
					'description' => 'billing',
				),
			),
			Scope_Descriptions::pair( array( 'billing' ), array( 'openid' => 'Who you are' ) )
		);
	}

	/**
	 * @return array<string, array{mixed}>
	 */
	public function unusable_filter_results(): array {
		return array(
			'not an array' => array( 'nonsense' ),
			'not text'     => array( array( 'billing' => array( 'x' ) ) ),
		);
	}

	/**
	 * @dataProvider unusable_filter_results
	 * @param mixed $descriptions
	 */
	public function test_a_filter_that_returns_no_text_leaves_the_name( $descriptions ): void {
		$this->assertSame( 'billing', Scope_Descriptions::pair( array( 'billing' ), $descriptions )[0]['description'] );
	}
}
