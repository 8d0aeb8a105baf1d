<?php
declare(strict_types=1);

namespace Keystone_OIDC\Consent;

use Keystone_OIDC\Authorization\Pending_Consents;
use Keystone_OIDC\Config;
use Keystone_OIDC\Crypto\Random;
use Keystone_OIDC\Storage\Pending_Request_Index;

/**
 * An authorization request waiting for the user's decision, kept on the server (never in the
 * form) and bound to the user who saw the consent page. Single use: taking it deletes it.
 */
final class Pending_Request implements Pending_Consents {
	const TRANSIENT_PREFIX = 'keystone_oidc_consent_';

	/**
	 * How many requests may wait for one user's decision. Each consent screen shown stores one;
	 * without a bound, a signed-in user (or a script with their cookie) could fill the options
	 * table. Twenty is more open consent tabs than a person keeps.
	 */
	const MAX_PER_USER = 20;

	/**
	 * Stores the request and drops the user's oldest ones beyond `MAX_PER_USER`. Two screens shown
	 * at the same moment may each see room for one more, so the bound can be passed by the number
	 * of parallel requests until the next screen trims it back.
	 */
	public function create( int $user_id, int $auth_time, array $request ): string {
		$id = Random::token( 32 );
		set_transient(
			self::name( $user_id, $id ),
			array(
				'user_id'   => $user_id,
				'auth_time' => $auth_time,
				'request'   => $request,
			),
			Config::lifetime( 'consent' )
		);
		$waiting = Pending_Request_Index::oldest_first( self::name( $user_id, '' ) );
		foreach ( array_slice( $waiting, 0, max( 0, count( $waiting ) - self::MAX_PER_USER ) ) as $oldest ) {
			delete_transient( self::name( $user_id, $oldest ) );
		}
		return $id;
	}

	/**
	 * A request of another user is left alone and reported as missing.
	 */
	public function take( string $id, int $user_id ): ?array {
		if ( 1 !== preg_match( '/^[A-Za-z0-9_-]{43}$/D', $id ) ) {
			return null;
		}
		$pending = get_transient( self::name( $user_id, $id ) );
		if ( ! is_array( $pending ) || ! isset( $pending['user_id'], $pending['request'] ) || (int) $pending['user_id'] !== $user_id || ! is_array( $pending['request'] ) ) {
			return null;
		}
		// Only the request that deletes it may use it, so a double-submitted form gets one code.
		if ( ! delete_transient( self::name( $user_id, $id ) ) ) {
			return null;
		}
		return array(
			'user_id'   => (int) $pending['user_id'],
			'auth_time' => (int) ( $pending['auth_time'] ?? 0 ),
			'request'   => $pending['request'],
		);
	}

	/**
	 * A WordPress nonce of the signed-in user's session, for this request only (CSRF).
	 */
	public function nonce( string $id ): string {
		return wp_create_nonce( self::nonce_action( $id ) );
	}

	public function nonce_is_valid( string $id, string $nonce ): bool {
		return false !== wp_verify_nonce( $nonce, self::nonce_action( $id ) );
	}

	/**
	 * The user is part of the name, so a user's requests are found by prefix, and another user's
	 * request ID names no transient at all.
	 */
	private static function name( int $user_id, string $id ): string {
		return self::TRANSIENT_PREFIX . $user_id . '_' . $id;
	}

	private static function nonce_action( string $id ): string {
		return 'keystone_oidc_consent_' . $id;
	}
}
