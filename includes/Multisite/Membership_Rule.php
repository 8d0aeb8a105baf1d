<?php
declare(strict_types=1);

namespace Keystone_OIDC\Multisite;

/**
 * Who may sign in to the clients of one site of a network (pure, so PHPUnit states it): a member
 * of the site; anyone of the network when this site is the network's identity provider (chosen in
 * Network Admin); a super admin who is not a member only when the
 * `keystone_oidc_super_admins_everywhere` filter says so (off by default: a super admin is a user
 * like any other here, so a subsite's client can never collect the network's most powerful
 * identities unasked). `allowed_roles` is then checked against the roles the user has on this
 * site, which a non-member does not have.
 */
final class Membership_Rule {
	public static function admits( bool $member, bool $network_provider, bool $super_admin, bool $super_admins_everywhere ): bool {
		return $member || $network_provider || ( $super_admin && $super_admins_everywhere );
	}
}
