<?php
declare(strict_types=1);

namespace Keystone_OIDC\Time;

/**
 * The one source of "now" (unix seconds) for expiry, replay and rotation decisions, handed to
 * whoever decides them so that tests fix it instead of sleeping.
 */
interface Clock {
	public function now(): int;
}
