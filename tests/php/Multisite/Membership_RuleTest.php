<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Multisite;

use Keystone_OIDC\Multisite\Membership_Rule;
use PHPUnit\Framework\TestCase;

final class Membership_RuleTest extends TestCase {
	public function test_a_member_of_the_site_is_admitted(): void {
		$this->assertTrue( Membership_Rule::admits( true, false, false, false ) );
	}

	public function test_a_network_user_who_is_not_a_member_is_refused(): void {
		$this->assertFalse( Membership_Rule::admits( false, false, false, false ) );
	}

	public function test_a_super_admin_who_is_not_a_member_is_refused_unless_the_filter_says_otherwise(): void {
		$this->assertFalse( Membership_Rule::admits( false, false, true, false ) );
		$this->assertTrue( Membership_Rule::admits( false, false, true, true ) );
	}

	public function test_the_filter_for_super_admins_admits_no_one_else(): void {
		$this->assertFalse( Membership_Rule::admits( false, false, false, true ) );
	}

	public function test_the_network_identity_provider_admits_every_user_of_the_network(): void {
		$this->assertTrue( Membership_Rule::admits( false, true, false, false ) );
	}
}
