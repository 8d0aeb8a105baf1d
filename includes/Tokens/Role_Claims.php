<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

/**
 * The `roles` scope's claims. `roles` is the user's WordPress role slugs on this site; `groups`
 * carries the same slugs by default, because most relying parties (Grafana, GitLab, oauth2-proxy,
 * mod_auth_openidc, Pydio Cells…) authorize by a claim of that name.
 */
final class Role_Claims {
	/**
	 * @return string[]
	 */
	public static function roles( \WP_User $user ): array {
		return array_values( array_filter( array_map( 'strval', (array) $user->roles ), 'strlen' ) );
	}

	/**
	 * Filter `keystone_oidc_groups` (string[] $groups, WP_User) may name other groups, e.g. from a
	 * membership plugin; anything but a list of non-empty strings is ignored.
	 *
	 * @return string[]
	 */
	public static function groups( \WP_User $user ): array {
		$roles    = self::roles( $user );
		$filtered = apply_filters( 'keystone_oidc_groups', $roles, $user );
		if ( ! is_array( $filtered ) ) {
			return $roles;
		}
		$groups = array();
		foreach ( $filtered as $group ) {
			if ( is_string( $group ) && '' !== $group ) {
				$groups[] = $group;
			}
		}
		return array_values( array_unique( $groups ) );
	}
}
