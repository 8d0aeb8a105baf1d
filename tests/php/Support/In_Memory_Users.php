<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Support;

use Keystone_OIDC\Users\User_Directory;

/**
 * A user directory a test fills and empties.
 */
final class In_Memory_Users implements User_Directory {
	/** @var array<int,\WP_User> */
	private $users = array();

	/**
	 * @param string[] $roles
	 */
	public function add( int $user_id, array $roles = array( 'subscriber' ) ): \WP_User {
		$this->users[ $user_id ] = new \WP_User( $user_id, 'user' . $user_id, $roles );
		return $this->users[ $user_id ];
	}

	public function delete( int $user_id ): void {
		unset( $this->users[ $user_id ] );
	}

	public function find( int $user_id ): ?\WP_User {
		return $this->users[ $user_id ] ?? null;
	}
}
