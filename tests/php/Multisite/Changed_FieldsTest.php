<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Multisite;

use Keystone_OIDC\Multisite\Changed_Fields;
use PHPUnit\Framework\TestCase;

final class Changed_FieldsTest extends TestCase {
	public function test_a_field_the_body_leaves_out_is_not_changed(): void {
		$this->assertSame( array(), Changed_Fields::among( array( 'skip_consent' ), array( 'name' => 'App' ), array( 'skip_consent' => false ) ) );
	}

	public function test_the_same_value_sent_again_is_not_a_change(): void {
		$this->assertSame( array(), Changed_Fields::among( array( 'dynamic_registration' ), array( 'dynamic_registration' => 'off' ), array( 'dynamic_registration' => 'off' ) ) );
	}

	public function test_another_value_is_a_change(): void {
		$this->assertSame( array( 'dynamic_registration' ), Changed_Fields::among( array( 'dynamic_registration' ), array( 'dynamic_registration' => 'token' ), array( 'dynamic_registration' => 'off' ) ) );
	}

	public function test_a_boolean_compares_as_the_boolean_the_body_means(): void {
		$this->assertSame( array(), Changed_Fields::among( array( 'skip_consent' ), array( 'skip_consent' => 'false' ), array( 'skip_consent' => false ) ) );
		$this->assertSame( array( 'skip_consent' ), Changed_Fields::among( array( 'skip_consent' ), array( 'skip_consent' => '1' ), array( 'skip_consent' => false ) ) );
	}

	public function test_an_object_changes_when_a_member_it_names_does(): void {
		$current = array(
			'lifetimes' => array(
				'access'  => 3600,
				'refresh' => 2592000,
			),
		);
		$this->assertSame( array(), Changed_Fields::among( array( 'lifetimes' ), array( 'lifetimes' => array( 'access' => 3600 ) ), $current ) );
		$this->assertSame( array( 'lifetimes' ), Changed_Fields::among( array( 'lifetimes' ), array( 'lifetimes' => array( 'access' => 7200 ) ), $current ) );
		$this->assertSame( array( 'lifetimes' ), Changed_Fields::among( array( 'lifetimes' ), array( 'lifetimes' => array( 'id' => 60 ) ), $current ) );
	}

	public function test_a_field_with_no_current_value_changes_when_sent(): void {
		$this->assertSame( array( 'lifetimes' ), Changed_Fields::among( array( 'lifetimes' ), array( 'lifetimes' => array( 'access' => 60 ) ), array() ) );
	}

	public function test_only_the_fields_asked_about_are_reported_in_their_order(): void {
		$body    = array(
			'skip_consent_offline_access' => true,
			'skip_consent'                => true,
			'name'                        => 'Other',
		);
		$current = array(
			'skip_consent'                => false,
			'skip_consent_offline_access' => false,
			'name'                        => 'App',
		);
		$this->assertSame( array( 'skip_consent', 'skip_consent_offline_access' ), Changed_Fields::among( array( 'skip_consent', 'skip_consent_offline_access' ), $body, $current ) );
	}
}
