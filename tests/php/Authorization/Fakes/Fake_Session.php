<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Authorization\Fakes;

use Keystone_OIDC\Authorization\Signed_In_User;
use Keystone_OIDC\Authorization\User_Session;

final class Fake_Session implements User_Session {
	const LOGIN_URL = 'https://op.example/wp-login.php';

	/** @var Signed_In_User|null */
	public $user = null;

	public function current(): ?Signed_In_User {
		return $this->user;
	}

	public function login_url( string $return_to, bool $reauth ): string {
		return self::LOGIN_URL . '?redirect_to=' . rawurlencode( $return_to ) . ( $reauth ? '&reauth=1' : '' );
	}
}
