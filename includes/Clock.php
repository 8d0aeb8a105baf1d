<?php
declare(strict_types=1);

namespace Keystone_OIDC;

/**
 * A bridge for code not yet handed a `Time\Clock` through its constructor: the container's clock.
 * New code takes the clock as a collaborator instead.
 */
final class Clock {
	public static function now(): int {
		return Container::site()->clock()->now();
	}
}
