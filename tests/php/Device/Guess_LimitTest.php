<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Device;

use Keystone_OIDC\Device\Guess_Limit;
use PHPUnit\Framework\TestCase;

/**
 * Which wrong user-code entries still count against the user (RFC 8628 §5.1).
 */
final class Guess_LimitTest extends TestCase {
	const NOW = 1700000000;

	public function test_only_entries_within_the_window_count(): void {
		$stored = array( self::NOW - Guess_Limit::WINDOW, self::NOW - Guess_Limit::WINDOW + 1, self::NOW - 10, self::NOW );
		$this->assertSame( array( self::NOW - Guess_Limit::WINDOW + 1, self::NOW - 10, self::NOW ), Guess_Limit::recent( $stored, self::NOW ) );
	}

	public function test_nothing_stored_or_garbage_counts_as_none(): void {
		$this->assertSame( array(), Guess_Limit::recent( '', self::NOW ) );
		$this->assertSame( array(), Guess_Limit::recent( array( 'x', null, 1.5 ), self::NOW ) );
	}

	public function test_entries_from_the_future_do_not_count(): void {
		$this->assertSame( array(), Guess_Limit::recent( array( self::NOW + 60 ), self::NOW ) );
	}

	public function test_the_limit_is_five_in_fifteen_minutes(): void {
		$this->assertSame( 5, Guess_Limit::MAX_WRONG );
		$this->assertSame( 900, Guess_Limit::WINDOW );
	}
}
