<?php
declare(strict_types=1);

namespace Keystone_OIDC\Users;

/**
 * Where the users of grants are looked up: WordPress's users on a site, an array in PHPUnit.
 */
interface User_Directory {
	/**
	 * The user, or null when the account no longer exists.
	 */
	public function find( int $user_id ): ?\WP_User;
}
