<?php
declare(strict_types=1);

namespace Keystone_OIDC\Users;

/**
 * The site's users.
 */
final class WordPress_Users implements User_Directory {
	public function find( int $user_id ): ?\WP_User {
		$user = get_userdata( $user_id );
		return $user instanceof \WP_User ? $user : null;
	}
}
