<?php
declare(strict_types=1);

// phpcs:ignoreFile -- stands in for WordPress's own class of this name, which PHPUnit does not load.

/**
 * The three fields of a WordPress user that grants and introspection read: what `Users\User_Directory`
 * hands out in tests.
 */
final class WP_User {
	/** @var int */
	public $ID;

	/** @var string */
	public $user_login;

	/** @var string[] */
	public $roles;

	/**
	 * @param string[] $roles
	 */
	public function __construct( int $id, string $user_login, array $roles ) {
		$this->ID         = $id;
		$this->user_login = $user_login;
		$this->roles      = $roles;
	}
}
