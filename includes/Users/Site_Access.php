<?php
declare(strict_types=1);

namespace Keystone_OIDC\Users;

/**
 * Whether a user belongs to the site whose clients they sign in to. On a single site every user
 * does; on a multisite network an account exists network-wide, so a user may have no role at all
 * on the site that is asked (`Multisite\Network_Site_Access`).
 */
interface Site_Access {
	public function admits( \WP_User $user ): bool;
}
