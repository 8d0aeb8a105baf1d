<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

/**
 * The WordPress user of the request, as far as authorization needs them.
 */
final class Signed_In_User {
	/** @var int */
	public $id;

	/** @var string[] Role slugs. */
	public $roles;

	/** @var int Unix time of the login, or `Tokens\Grant::AUTH_TIME_UNKNOWN`. */
	public $auth_time;

	/** @var string */
	public $display_name;

	/** @var string */
	public $login;

	/**
	 * @param string[] $roles
	 */
	public function __construct( int $id, array $roles, int $auth_time, string $display_name, string $login ) {
		$this->id           = $id;
		$this->roles        = $roles;
		$this->auth_time    = $auth_time;
		$this->display_name = $display_name;
		$this->login        = $login;
	}
}
