<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Test_Sign_In;

use Keystone_OIDC\Test_Sign_In\Test_Session;
use Keystone_OIDC\Test_Sign_In\Test_Sessions;

/**
 * Test sessions in memory, keyed as the transients are: by administrator and state.
 */
final class In_Memory_Test_Sessions implements Test_Sessions {
	/** @var array<string,Test_Session> */
	public $sessions = array();

	public function save( string $state, Test_Session $session ): void {
		$this->sessions[ $session->user_id . ' ' . $state ] = $session;
	}

	public function find( int $user_id, string $state ): ?Test_Session {
		return $this->sessions[ $user_id . ' ' . $state ] ?? null;
	}

	public function take( int $user_id, string $state ): ?Test_Session {
		$session = $this->find( $user_id, $state );
		unset( $this->sessions[ $user_id . ' ' . $state ] );
		return $session;
	}
}
