<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

/**
 * Who is signed in and where to send them to sign in: the WordPress calls the pipeline makes,
 * behind an interface so PHPUnit can run it without WordPress (`WordPress_Session` is the real one).
 */
interface User_Session {
	public function current(): ?Signed_In_User;

	/**
	 * @param bool $reauth Whether to ask for the password even when a session exists.
	 */
	public function login_url( string $return_to, bool $reauth ): string;
}
