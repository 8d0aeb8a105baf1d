<?php
declare(strict_types=1);

namespace Keystone_OIDC\Sessions;

/**
 * Notices a user's credentials changing, or an administrator logging the user out everywhere, and
 * ends every grant of that user (`Backchannel_Logout::all_grants_ended`). A password reset is how
 * a victim takes an account back; tokens an attacker got before it must not outlive it. Each hook
 * fires only on those events, so an ordinary page view runs no query here.
 */
final class Credential_Watch {
	/**
	 * `wp_set_password()`: the lost-password reset (`reset_password()`) and any plugin setting a
	 * password directly.
	 *
	 * @param string $password
	 * @param int    $user_id
	 */
	public static function password_set( $password, $user_id ): void {
		Backchannel_Logout::all_grants_ended( (int) $user_id );
	}

	/**
	 * `after_password_reset`, for a reset that a plugin completes without `wp_set_password()`.
	 *
	 * @param \WP_User|mixed $user
	 */
	public static function password_reset( $user ): void {
		if ( $user instanceof \WP_User ) {
			Backchannel_Logout::all_grants_ended( (int) $user->ID );
		}
	}

	/**
	 * `profile_update`: the profile screen, user-edit.php and the REST API store a new password
	 * through `wp_update_user()`, which hashes it itself and never calls `wp_set_password()`.
	 * The stored hash changes only when the password did.
	 *
	 * @param int                 $user_id
	 * @param \WP_User|mixed      $old_user_data
	 * @param array<string,mixed> $userdata The raw data just stored (WordPress 5.8+).
	 */
	public static function profile_updated( $user_id, $old_user_data = null, $userdata = array() ): void {
		if ( ! $old_user_data instanceof \WP_User || ! is_array( $userdata ) || ! isset( $userdata['user_pass'] ) ) {
			return;
		}
		if ( ! hash_equals( (string) $old_user_data->user_pass, (string) $userdata['user_pass'] ) ) {
			Backchannel_Logout::all_grants_ended( (int) $user_id );
		}
	}

	/**
	 * Runs before core's `wp_ajax_destroy_sessions` (priority 1). When an administrator logs
	 * another user out everywhere, core calls `WP_Session_Tokens::destroy_all()`, which has no hook
	 * of its own; the sessions it ends are seen by `Session_Watch`, but grants kept by
	 * `offline_access` and those of sessions already gone would survive. The same checks as core's
	 * decide whether the request is allowed; the user's own "Log Out Everywhere Else" keeps the
	 * current session's grants and is left to `Session_Watch`.
	 */
	public static function before_destroy_sessions(): void {
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- verified just below, as core does.
		$user_id = isset( $_POST['user_id'] ) ? (int) $_POST['user_id'] : 0;
		$nonce   = isset( $_POST['nonce'] ) ? sanitize_text_field( wp_unslash( (string) $_POST['nonce'] ) ) : '';
		// phpcs:enable
		if ( $user_id <= 0 || get_current_user_id() === $user_id || ! get_userdata( $user_id ) ) {
			return;
		}
		if ( ! current_user_can( 'edit_user', $user_id ) || ! wp_verify_nonce( $nonce, 'update-user_' . $user_id ) ) {
			return;
		}
		Backchannel_Logout::all_grants_ended( $user_id );
	}
}
