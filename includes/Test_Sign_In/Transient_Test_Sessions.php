<?php
declare(strict_types=1);

namespace Keystone_OIDC\Test_Sign_In;

use Keystone_OIDC\Crypto\Secret_Hash;

/**
 * Test sessions as transients named by the administrator's id and the hash of the state, so a
 * lookup is one indexed read and another administrator's state is never even found. Looked up
 * only when a request names the built-in redirect target: no other request pays for it.
 */
final class Transient_Test_Sessions implements Test_Sessions {
	const PREFIX = 'keystone_oidc_test_';

	public function save( string $state, Test_Session $session ): void {
		set_transient( self::name( $session->user_id, $state ), $session->to_array(), Test_Session::LIFETIME );
	}

	public function find( int $user_id, string $state ): ?Test_Session {
		if ( ! self::is_plausible( $user_id, $state ) ) {
			return null;
		}
		$session = Test_Session::from_array( get_transient( self::name( $user_id, $state ) ) );
		return null !== $session && $session->user_id === $user_id ? $session : null;
	}

	public function take( int $user_id, string $state ): ?Test_Session {
		$session = $this->find( $user_id, $state );
		// Only the request that deletes it may use it, so a reloaded callback gets nothing twice.
		if ( null === $session || ! delete_transient( self::name( $user_id, $state ) ) ) {
			return null;
		}
		return $session;
	}

	private static function is_plausible( int $user_id, string $state ): bool {
		return $user_id > 0 && 1 === preg_match( '/^[A-Za-z0-9_-]{43}$/D', $state );
	}

	private static function name( int $user_id, string $state ): string {
		return self::PREFIX . $user_id . '_' . Secret_Hash::hash( $state );
	}
}
