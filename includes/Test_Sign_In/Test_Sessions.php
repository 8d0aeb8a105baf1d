<?php
declare(strict_types=1);

namespace Keystone_OIDC\Test_Sign_In;

/**
 * Where test sessions are kept, by administrator and the hash of their `state`
 * (`Transient_Test_Sessions` is the real one; PHPUnit keeps them in memory).
 */
interface Test_Sessions {
	/**
	 * @param string $state The state of the authorization request; only its hash is stored.
	 */
	public function save( string $state, Test_Session $session ): void;

	/**
	 * The session of `$user_id` with this state, still stored (expired or not), without taking it.
	 */
	public function find( int $user_id, string $state ): ?Test_Session;

	/**
	 * Removes and returns the session: of two requests taking it at once, one gets it.
	 */
	public function take( int $user_id, string $state ): ?Test_Session;
}
