<?php
declare(strict_types=1);

namespace Keystone_OIDC\Multisite;

use Keystone_OIDC\Users\Site_Access;

/**
 * The membership rule (`Membership_Rule`) with WordPress's answers: membership of the current
 * site, the network's identity provider, super admins. Always true on a single site.
 */
final class Network_Site_Access implements Site_Access {
	public function admits( \WP_User $user ): bool {
		if ( ! is_multisite() ) {
			return true;
		}
		return Membership_Rule::admits(
			is_user_member_of_blog( (int) $user->ID, get_current_blog_id() ),
			Network_Provider::is_current_site(),
			is_super_admin( (int) $user->ID ),
			(bool) apply_filters( 'keystone_oidc_super_admins_everywhere', false, $user )
		);
	}
}
