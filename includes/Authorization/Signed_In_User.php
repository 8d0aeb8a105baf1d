<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

/**
 * The WordPress user of the request, and when they signed in.
 */
final class Signed_In_User {
	/** @var \WP_User What `Users\Allowed_Users` judges. */
	public $account;

	/** @var int */
	public $id;

	/** @var string */
	public $login;

	/** @var string */
	public $display_name;

	/** @var int Unix time of the login, or `Tokens\Grant::AUTH_TIME_UNKNOWN`. */
	public $auth_time;

	public function __construct( \WP_User $account, int $auth_time, string $display_name ) {
		$this->account      = $account;
		$this->id           = (int) $account->ID;
		$this->login        = (string) $account->user_login;
		$this->display_name = $display_name;
		$this->auth_time    = $auth_time;
	}
}
