<?php
declare(strict_types=1);

namespace Keystone_OIDC\Users;

use Keystone_OIDC\Settings\Email_Trust_Settings;

/**
 * Which e-mail address WordPress has confirmed for a user, for `email_verified` when the
 * administrator turned `trust_email` on. WordPress itself never records this; an address counts
 * as confirmed when its owner used a link WordPress mailed to it:
 * - the password (re)set link (`wp-login.php?action=rp`, also the link a new user gets to set a
 *   first password), once the new password is saved through it;
 * - the link confirming a change of address on the profile screen (`profile.php?newuseremail=…`).
 * The address itself is recorded (user meta `CONFIRMED_META`), so any later change of address,
 * by anyone, leaves the new one unconfirmed until it is confirmed the same way. Only events from
 * this code's installation on count: addresses confirmed before are not known.
 */
final class Email_Confirmation {
	const CONFIRMED_META = 'keystone_oidc_confirmed_email';

	/**
	 * The user whose valid reset link this request carries (`validate_password_reset`), so that
	 * `after_password_reset` counts only resets made through the mailed link, never a reset a
	 * plugin or administrator performs directly.
	 *
	 * @var int
	 */
	private static $reset_through_link = 0;

	/**
	 * `validate_password_reset`: wp-login.php checked the key from the mailed link.
	 *
	 * @param \WP_Error|mixed          $errors
	 * @param \WP_User|\WP_Error|mixed $user The user when the key matched.
	 */
	public static function reset_link_used( $errors, $user ): void {
		if ( $user instanceof \WP_User ) {
			self::$reset_through_link = (int) $user->ID;
		}
	}

	/**
	 * `after_password_reset`: records the address the link was mailed to.
	 *
	 * @param \WP_User|mixed $user
	 */
	public static function password_reset( $user ): void {
		if ( $user instanceof \WP_User && self::$reset_through_link > 0 && (int) $user->ID === self::$reset_through_link ) {
			self::record( (int) $user->ID, (string) $user->user_email );
		}
	}

	/**
	 * `profile_update`: the profile screen stores a new address only after its owner followed the
	 * confirmation link WordPress mailed to it; the pending change (`_new_email`) still names it here.
	 *
	 * @param int|mixed $user_id
	 */
	public static function email_change_confirmed( $user_id ): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- the hash is the proof, checked as core checks it.
		$hash = isset( $_GET['newuseremail'] ) ? sanitize_text_field( wp_unslash( (string) $_GET['newuseremail'] ) ) : '';
		if ( '' === $hash || (int) $user_id <= 0 || get_current_user_id() !== (int) $user_id ) {
			return;
		}
		$pending = get_user_meta( (int) $user_id, '_new_email', true );
		$user    = get_userdata( (int) $user_id );
		if ( ! is_array( $pending ) || ! isset( $pending['hash'], $pending['newemail'] ) || ! $user ) {
			return;
		}
		if ( hash_equals( (string) $pending['hash'], $hash ) && self::same_address( (string) $pending['newemail'], (string) $user->user_email ) ) {
			self::record( (int) $user_id, (string) $user->user_email );
		}
	}

	/**
	 * The default of `email_verified` (the `keystone_oidc_email_verified` filter still decides
	 * last): true only when `trust_email` is on and the user's current address is the confirmed one.
	 */
	public static function vouched( \WP_User $user ): bool {
		if ( ! Email_Trust_Settings::enabled() ) {
			return false;
		}
		return self::same_address( (string) get_user_meta( $user->ID, self::CONFIRMED_META, true ), (string) $user->user_email );
	}

	/**
	 * Pure: whether a confirmed address is the current one (domain and local part compared
	 * without case, as WordPress treats addresses as unique regardless of case).
	 */
	public static function same_address( string $confirmed, string $current ): bool {
		$confirmed = strtolower( trim( $confirmed ) );
		return '' !== $confirmed && hash_equals( $confirmed, strtolower( trim( $current ) ) );
	}

	private static function record( int $user_id, string $address ): void {
		if ( '' !== trim( $address ) ) {
			update_user_meta( $user_id, self::CONFIRMED_META, $address );
		}
	}
}
