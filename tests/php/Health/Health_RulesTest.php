<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Health;

use Keystone_OIDC\Health\Backchannel_Test;
use Keystone_OIDC\Health\Cron_Test;
use Keystone_OIDC\Health\Key_Age_Test;
use Keystone_OIDC\Health\Openssl_Test;
use Keystone_OIDC\Health\Salts_Test;
use Keystone_OIDC\Health\Site_Health;
use Keystone_OIDC\Http\Outbound;
use PHPUnit\Framework\TestCase;

/**
 * The decisions the Site Health tests take from what they read; what they read from WordPress and
 * how they word it is tested against a real site (tests/e2e/admin/site-health.spec.ts).
 */
final class Health_RulesTest extends TestCase {
	const NOW = 1800000000;
	const DAY = 86400;

	public function test_key_ages_count_current_keys_only_oldest_first(): void {
		$described = array(
			array( 'kid' => 'a', 'alg' => 'ES256', 'created_at' => self::NOW - 10 * self::DAY, 'retired_at' => null ),
			array( 'kid' => 'b', 'alg' => 'RS256', 'created_at' => self::NOW - 200 * self::DAY - 5, 'retired_at' => null ),
			array( 'kid' => 'c', 'alg' => 'RS256', 'created_at' => self::NOW - 900 * self::DAY, 'retired_at' => self::NOW - 200 * self::DAY ),
		);
		$this->assertSame( array( 'RS256' => 200, 'ES256' => 10 ), Key_Age_Test::current_ages( $described, self::NOW ) );
	}

	public function test_a_key_from_the_future_is_zero_days_old(): void {
		$described = array( array( 'kid' => 'a', 'alg' => 'RS256', 'created_at' => self::NOW + 50, 'retired_at' => null ) );
		$this->assertSame( array( 'RS256' => 0 ), Key_Age_Test::current_ages( $described, self::NOW ) );
	}

	public function test_cron_state(): void {
		$this->assertSame( Cron_Test::UNSCHEDULED, Cron_Test::state( false, self::NOW ) );
		$this->assertSame( Cron_Test::SCHEDULED, Cron_Test::state( self::NOW + 60, self::NOW ) );
		// Due a little while ago: WP-Cron runs on visits, some lag is normal.
		$this->assertSame( Cron_Test::SCHEDULED, Cron_Test::state( self::NOW - Cron_Test::GRACE, self::NOW ) );
		$this->assertSame( Cron_Test::OVERDUE, Cron_Test::state( self::NOW - Cron_Test::GRACE - 1, self::NOW ) );
	}

	public function test_salts_missing_when_undefined_empty_or_the_placeholder(): void {
		$this->assertSame( array(), Salts_Test::missing( array( 'AUTH_KEY' => 'k', 'AUTH_SALT' => 's' ) ) );
		$this->assertSame( array( 'AUTH_KEY', 'AUTH_SALT' ), Salts_Test::missing( array() ) );
		$this->assertSame( array( 'AUTH_KEY' ), Salts_Test::missing( array( 'AUTH_KEY' => '', 'AUTH_SALT' => 's' ) ) );
		$this->assertSame( array( 'AUTH_SALT' ), Salts_Test::missing( array( 'AUTH_KEY' => 'k', 'AUTH_SALT' => Salts_Test::PLACEHOLDER ) ) );
	}

	public function test_openssl_algorithms(): void {
		$this->assertSame( array(), Openssl_Test::unavailable( array( 'SHA256', 'sha512' ), array( 'prime256v1' ), true ) );
		$this->assertSame( array( 'ES256' ), Openssl_Test::unavailable( array( 'sha256' ), array( 'secp384r1' ), true ) );
		$this->assertSame( array( 'PS256' ), Openssl_Test::unavailable( array( 'sha256' ), array( 'prime256v1' ), false ) );
		$this->assertSame( array( 'RS256', 'ES256', 'PS256' ), Openssl_Test::unavailable( array( 'md5' ), array( 'prime256v1' ), true ) );
	}

	public function test_backchannel_targets_grouped_by_origin(): void {
		$origins = Backchannel_Test::origins(
			array(
				'A' => 'https://RP.example/logout',
				'B' => 'https://rp.example/other?x=1',
				'C' => 'http://127.0.0.1:8123/bc',
				'D' => '',
				'E' => 'not a uri',
			)
		);
		$this->assertSame(
			array(
				'https://rp.example'    => array( 'A', 'B' ),
				'http://127.0.0.1:8123' => array( 'C' ),
			),
			$origins
		);
	}

	public function test_a_request_wordpress_refused_to_send_is_not_checked_rather_than_down(): void {
		$this->assertSame( Backchannel_Test::REACHABLE, Backchannel_Test::verdict( null ) );
		$this->assertSame( Backchannel_Test::UNCHECKED, Backchannel_Test::verdict( 'http_request_not_executed' ) );
		$this->assertSame( Backchannel_Test::UNREACHABLE, Backchannel_Test::verdict( 'http_request_failed' ) );
		$this->assertSame( Backchannel_Test::UNREACHABLE, Backchannel_Test::verdict( Outbound::NOT_ALLOWED ) );
	}

	public function test_async_routes_are_named_as_core_names_its_own(): void {
		$this->assertSame( 'keystone-oidc-backchannel-logout', Site_Health::slug( Backchannel_Test::ID ) );
	}
}
