<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Support;

use Keystone_OIDC\Time\Clock;

/**
 * A clock that stands still until a test moves it.
 */
final class Fixed_Clock implements Clock {
	/** @var int */
	private $now;

	public function __construct( int $now ) {
		$this->now = $now;
	}

	public function now(): int {
		return $this->now;
	}

	public function advance( int $seconds ): void {
		$this->now += $seconds;
	}
}
