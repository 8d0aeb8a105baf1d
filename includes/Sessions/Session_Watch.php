<?php
declare(strict_types=1);

namespace Keystone_OIDC\Sessions;

/**
 * Notices WordPress login sessions ending, however they end. WordPress has no hook for it:
 * `wp_logout` fires only for the current session, while "Log Out Everywhere" on the profile
 * screen (`WP_Session_Tokens::destroy_all()` / `destroy_others()`) or deleting the user end
 * sessions silently. What every one of them does is rewrite
 * the `session_tokens` user meta (the default `WP_User_Meta_Session_Tokens` manager), so the
 * verifiers present before a write and missing after it are the sessions that ended. `wp_logout`
 * is watched as well, for sites with another session manager; the logout side drops repeats.
 */
final class Session_Watch {
	const META_KEY = 'session_tokens';

	/**
	 * Runs before the new value is written, so the stored one is still the old list.
	 *
	 * @param int    $meta_id
	 * @param int    $user_id
	 * @param string $meta_key
	 * @param mixed  $new_value
	 */
	public static function before_meta_update( $meta_id, $user_id, $meta_key, $new_value ): void {
		if ( self::META_KEY !== $meta_key ) {
			return;
		}
		self::compare( (int) $user_id, is_array( $new_value ) ? $new_value : array() );
	}

	/**
	 * @param int[]  $meta_ids
	 * @param int    $user_id  0 when the meta of every user is dropped (switching session managers).
	 * @param string $meta_key
	 */
	public static function before_meta_delete( $meta_ids, $user_id, $meta_key ): void {
		if ( self::META_KEY !== $meta_key || (int) $user_id <= 0 ) {
			return;
		}
		self::compare( (int) $user_id, array() );
	}

	/**
	 * The logged-in cookie of the request still names the session just destroyed.
	 *
	 * @param int $user_id
	 */
	public static function after_logout( $user_id ): void {
		$token = wp_get_session_token();
		if ( '' !== $token && (int) $user_id > 0 ) {
			Backchannel_Logout::sessions_ended( (int) $user_id, array( Session_Id::of_token( $token ) ) );
		}
	}

	/**
	 * @param array<string,mixed> $after Verifier => session, as about to be stored.
	 */
	private static function compare( int $user_id, array $after ): void {
		$before = get_user_meta( $user_id, self::META_KEY, true );
		if ( ! is_array( $before ) ) {
			return;
		}
		$ended = array();
		foreach ( $before as $verifier => $session ) {
			if ( array_key_exists( $verifier, $after ) ) {
				continue;
			}
			$expiration = is_array( $session ) ? (int) ( $session['expiration'] ?? 0 ) : (int) $session;
			// WordPress drops expired sessions on every write: they timed out, nobody signed out.
			// Its own clock decides that, so this compares with time(), not the plugin's Clock.
			if ( $expiration < time() ) {
				continue;
			}
			$ended[] = Session_Id::of_verifier( (string) $verifier );
		}
		if ( array() !== $ended ) {
			Backchannel_Logout::sessions_ended( $user_id, $ended );
		}
	}
}
