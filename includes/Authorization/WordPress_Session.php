<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

use Keystone_OIDC\Tokens\Grant;

/**
 * The signed-in WordPress user and WordPress's login page.
 */
final class WordPress_Session implements User_Session {
	public function current(): ?Signed_In_User {
		$user = wp_get_current_user();
		if ( ! $user->exists() ) {
			return null;
		}
		return new Signed_In_User( $user, self::auth_time( (int) $user->ID ), (string) $user->display_name );
	}

	public function login_url( string $return_to, bool $reauth ): string {
		return wp_login_url( $return_to, $reauth );
	}

	/**
	 * The login time of the current WordPress session, or `Grant::AUTH_TIME_UNKNOWN` when there is
	 * none (a single sign-on plugin authenticating by the `determine_current_user` filter). Never
	 * "now": that would claim a login nobody saw.
	 */
	private static function auth_time( int $user_id ): int {
		$token = wp_get_session_token();
		if ( '' === $token ) {
			return Grant::AUTH_TIME_UNKNOWN;
		}
		$session = \WP_Session_Tokens::get_instance( $user_id )->get( $token );
		return is_array( $session ) && isset( $session['login'] ) && (int) $session['login'] > 0 ? (int) $session['login'] : Grant::AUTH_TIME_UNKNOWN;
	}
}
