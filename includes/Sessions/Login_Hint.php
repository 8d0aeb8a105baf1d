<?php
declare(strict_types=1);

namespace Keystone_OIDC\Sessions;

use Keystone_OIDC\Endpoints\Router;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;

/**
 * `login_hint` (OIDC Core §3.1.2.1): when a sign-in request sends the user to wp-login.php, the
 * username field comes prefilled. The hint travels inside `redirect_to` (the authorization request
 * to come back to), so only a login started by a sign-in request is prefilled.
 *
 * WordPress 6.8's wp-login.php has no filter for the field's value: it prints the global
 * `$user_login` (escaped with esc_attr), which it sets itself only after a failed POST. The
 * `login_form_login` action runs before that form in the same global scope.
 */
final class Login_Hint {
	/**
	 * Longer than any username or email address WordPress accepts.
	 */
	const MAX_LENGTH = 254;

	public static function prefill(): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only prefills a form field.
		$hint = self::from_redirect( $_REQUEST['redirect_to'] ?? null );
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- a submitted form keeps what was typed.
		if ( null !== $hint && ! isset( $_POST['log'] ) ) {
			$GLOBALS['user_login'] = $hint; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- the only way wp-login.php offers.
		}
	}

	/**
	 * The `login_hint` of an authorization request URL, or null.
	 *
	 * @param mixed $redirect_to
	 */
	public static function from_redirect( $redirect_to ): ?string {
		if ( ! is_string( $redirect_to ) ) {
			return null;
		}
		$redirect_to = wp_unslash( $redirect_to );
		$authorize   = Router::url( 'authorize' );
		if ( 0 !== strpos( $redirect_to, $authorize . '?' ) ) {
			return null;
		}
		$query = (string) wp_parse_url( $redirect_to, PHP_URL_QUERY );
		try {
			$hint = Parameters::parse( $query )->get( 'login_hint' );
		} catch ( OAuth_Error $malformed ) {
			return null;
		}
		return null === $hint || strlen( $hint ) > self::MAX_LENGTH ? null : $hint;
	}
}
