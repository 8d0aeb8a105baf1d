<?php
declare(strict_types=1);

namespace Keystone_OIDC\Time;

/**
 * The site's clock: the system time, which the e2e suite moves with the `keystone_oidc_now` filter.
 */
final class Site_Clock implements Clock {
	public function now(): int {
		return (int) apply_filters( 'keystone_oidc_now', time() );
	}
}
