<?php
declare(strict_types=1);

namespace Keystone_OIDC;

/**
 * The one source of "now" for expiry, replay and rotation decisions. Tests move it with the
 * `keystone_oidc_now` filter instead of sleeping.
 */
final class Clock {
	public static function now(): int {
		return (int) apply_filters( 'keystone_oidc_now', time() );
	}
}
