<?php
declare(strict_types=1);

namespace Keystone_OIDC\Checks;

use Keystone_OIDC\Http\OAuth_Error;

/**
 * Which scopes a token without a user may carry (RFC 6749 §4.4, client_credentials). A scope that
 * stands for a user's data or a user's permission (OIDC Core §5.4 claims, `offline_access`, the
 * user's roles, the `wordpress:*` REST scopes, which act with a user's capabilities) means nothing
 * when no user is involved, so a machine token never carries one. What remains of the client's
 * scopes is what a site added for its own APIs through `keystone_oidc_supported_scopes`.
 */
final class Machine_Scope {
	const USER_BOUND = array( 'openid', 'profile', 'email', 'address', 'phone', 'offline_access', 'roles' );

	/** Every scope under this prefix acts with a WordPress user's capabilities. */
	const USER_BOUND_PREFIX = 'wordpress:';

	public static function is_user_bound( string $scope ): bool {
		return in_array( $scope, self::USER_BOUND, true ) || 0 === strpos( $scope, self::USER_BOUND_PREFIX );
	}

	/**
	 * The client's scopes a machine token may carry.
	 *
	 * @param string[] $client_scopes
	 * @return string[]
	 */
	public static function allowed( array $client_scopes ): array {
		return array_values(
			array_filter(
				$client_scopes,
				static function ( string $scope ): bool {
					return ! self::is_user_bound( $scope );
				}
			)
		);
	}

	/**
	 * The scopes of the token issued now. Without a `scope` parameter the client gets every scope
	 * it may have (the pre-defined default RFC 6749 §3.3 allows); with one, exactly those, each of
	 * which must be allowed, or the request fails with `invalid_scope` naming the first that is not.
	 *
	 * @param string[] $allowed What `allowed()` left, after the site's filter.
	 * @return string[]
	 */
	public static function granted( ?string $requested, array $allowed ): array {
		if ( null === $requested ) {
			return array_values( $allowed );
		}
		$scopes = Scope::parse( $requested );
		foreach ( $scopes as $scope ) {
			if ( ! Scope::is_valid_token( $scope ) ) {
				throw OAuth_Error::invalid_scope( 'scope holds a malformed scope token' );
			}
			if ( self::is_user_bound( $scope ) ) {
				throw OAuth_Error::invalid_scope( sprintf( 'The scope %s needs a user: a client_credentials token has none', $scope ) );
			}
			if ( ! in_array( $scope, $allowed, true ) ) {
				throw OAuth_Error::invalid_scope( sprintf( 'The scope %s is not allowed for this client\'s machine tokens', $scope ) );
			}
		}
		return $scopes;
	}
}
