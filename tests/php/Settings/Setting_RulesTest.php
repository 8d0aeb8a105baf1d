<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Settings;

use Keystone_OIDC\Keys\Scheduled_Rotation;
use Keystone_OIDC\Settings\Consent_Settings;
use Keystone_OIDC\Users\Email_Confirmation;
use PHPUnit\Framework\TestCase;

/**
 * The pure rules behind `key_rotation_days`, `consent_remember_days` and `trust_email`.
 */
final class Setting_RulesTest extends TestCase {
	public function test_rotation_is_off_at_zero_days(): void {
		$this->assertNull( Scheduled_Rotation::due_before( 1000000, 0 ) );
	}

	public function test_a_key_is_due_once_it_is_the_period_old(): void {
		$now = 10 * 86400;
		$this->assertSame( 3 * 86400, Scheduled_Rotation::due_before( $now, 7 ) );
	}

	public function test_a_remembered_consent_lasts_for_ever_at_zero_days(): void {
		$this->assertTrue( Consent_Settings::still_remembered( 0, 999999999, 0 ) );
	}

	public function test_a_consent_older_than_the_period_asks_again(): void {
		$now = 100 * 86400;
		$this->assertTrue( Consent_Settings::still_remembered( $now - 86400 + 1, $now, 1 ) );
		$this->assertFalse( Consent_Settings::still_remembered( $now - 86400, $now, 1 ) );
	}

	public function test_only_the_confirmed_address_itself_is_vouched_for(): void {
		$this->assertTrue( Email_Confirmation::same_address( 'Ada@Example.test', 'ada@example.test' ) );
		$this->assertFalse( Email_Confirmation::same_address( 'ada@example.test', 'eve@example.test' ), 'a changed address is not confirmed' );
		$this->assertFalse( Email_Confirmation::same_address( '', '' ), 'nothing confirmed vouches for nothing' );
		$this->assertFalse( Email_Confirmation::same_address( '', 'ada@example.test' ) );
	}
}
