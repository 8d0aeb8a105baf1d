<?php
declare(strict_types=1);

namespace Keystone_OIDC\Admin;

/**
 * "Connected applications" on each user's own profile screen (wp-admin/profile.php), for every
 * role: a mount point for the React app in `build/profile.js`, which lists the applications the
 * user allowed through the `/me/applications` REST routes. Another user's profile never shows it:
 * those routes only ever act on the signed-in user.
 */
final class Profile_Section {
	const ENTRY = 'profile';

	/**
	 * @param string $hook_suffix
	 */
	public static function enqueue( $hook_suffix ): void {
		if ( ! self::is_own_profile( (string) $hook_suffix ) || ! Assets::register( self::ENTRY ) ) {
			return;
		}
		wp_enqueue_style( 'wp-components' );
		wp_enqueue_script( 'keystone-oidc-' . self::ENTRY );
	}

	/**
	 * The heading sits outside the app, like the profile screen's other sections; the app fills the
	 * region below it. Without the built app (a development copy before `npm run build`) the
	 * section is left out rather than shown empty.
	 */
	public static function render(): void {
		if ( ! wp_script_is( 'keystone-oidc-' . self::ENTRY, 'enqueued' ) ) {
			return;
		}
		echo '<h2 id="keystone-oidc-connected-apps-title">' . esc_html__( 'Connected Applications', 'keystone-oidc' ) . '</h2>';
		echo '<div class="keystone-oidc-profile" id="keystone-oidc-connected-apps" role="region" aria-labelledby="keystone-oidc-connected-apps-title">';
		echo '<noscript><p>' . esc_html__( 'Turn on JavaScript to see and revoke the applications you allowed to sign you in.', 'keystone-oidc' ) . '</p></noscript>';
		echo '</div>';
	}

	/**
	 * user-edit.php also shows the current user's own profile when given their own ID.
	 */
	private static function is_own_profile( string $hook_suffix ): bool {
		return in_array( $hook_suffix, array( 'profile.php', 'user-edit.php' ), true ) && defined( 'IS_PROFILE_PAGE' ) && IS_PROFILE_PAGE;
	}
}
