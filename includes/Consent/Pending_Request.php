<?php
declare(strict_types=1);

namespace Keystone_OIDC\Consent;

use Keystone_OIDC\Config;
use Keystone_OIDC\Crypto\Random;

/**
 * An authorization request waiting for the user's decision, kept on the server (never in the
 * form) and bound to the user who saw the consent page. Single use: taking it deletes it.
 */
final class Pending_Request {
	const TRANSIENT_PREFIX = 'keystone_oidc_consent_';

	/**
	 * @param array<string,mixed> $request `Authorization_Request::to_array()`.
	 * @return string The request ID the consent form posts back.
	 */
	public static function create( int $user_id, int $auth_time, array $request ): string {
		$id = Random::token( 32 );
		set_transient(
			self::TRANSIENT_PREFIX . $id,
			array(
				'user_id'   => $user_id,
				'auth_time' => $auth_time,
				'request'   => $request,
			),
			Config::lifetime( 'consent' )
		);
		return $id;
	}

	/**
	 * Removes and returns the pending request when it exists and belongs to `$user_id`. A request
	 * of another user is left alone and reported as missing.
	 *
	 * @return array{user_id: int, auth_time: int, request: array<string,mixed>}|null
	 */
	public static function take( string $id, int $user_id ): ?array {
		if ( 1 !== preg_match( '/^[A-Za-z0-9_-]{43}$/D', $id ) ) {
			return null;
		}
		$pending = get_transient( self::TRANSIENT_PREFIX . $id );
		if ( ! is_array( $pending ) || ! isset( $pending['user_id'], $pending['request'] ) || (int) $pending['user_id'] !== $user_id || ! is_array( $pending['request'] ) ) {
			return null;
		}
		// Only the request that deletes it may use it, so a double-submitted form gets one code.
		if ( ! delete_transient( self::TRANSIENT_PREFIX . $id ) ) {
			return null;
		}
		return array(
			'user_id'   => (int) $pending['user_id'],
			'auth_time' => (int) ( $pending['auth_time'] ?? 0 ),
			'request'   => $pending['request'],
		);
	}

	public static function nonce_action( string $id ): string {
		return 'keystone_oidc_consent_' . $id;
	}
}
