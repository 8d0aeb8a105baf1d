<?php
declare(strict_types=1);

namespace Keystone_OIDC\Resource;

/**
 * What an access token may do with the WordPress REST API, by the scopes it was granted. The user's
 * own capabilities still apply on top (WordPress checks them in every route), so the effective
 * right is their intersection:
 * - `wordpress:read`: the safe methods only (GET, HEAD, OPTIONS; RFC 9110 §9.2.1), whatever the
 *   route, including `context=edit`, which only reads and which WordPress itself limits to users
 *   who may edit the item;
 * - `wordpress:write`: every method, so it includes reading.
 * A token with neither may not use the REST API at all. The client's `rest_access` is the most it
 * may be granted: `read` allows `wordpress:read`, `write` allows both, `none` neither.
 */
final class Rest_Scope_Policy {
	const READ   = 'wordpress:read';
	const WRITE  = 'wordpress:write';
	const SCOPES = array( self::READ, self::WRITE );

	const SAFE_METHODS = array( 'GET', 'HEAD', 'OPTIONS' );

	public static function is_rest_scope( string $scope ): bool {
		return in_array( $scope, self::SCOPES, true );
	}

	/**
	 * The scope a request with this method needs (the one named in an `insufficient_scope` challenge).
	 */
	public static function required_scope( string $method ): string {
		return in_array( strtoupper( $method ), self::SAFE_METHODS, true ) ? self::READ : self::WRITE;
	}

	/**
	 * @param string[] $granted The token's current scopes.
	 */
	public static function allows( array $granted, string $method ): bool {
		return in_array( self::WRITE, $granted, true ) || in_array( self::required_scope( $method ), $granted, true );
	}

	/**
	 * Whether a client whose ceiling is `$rest_access` ('none', 'read', 'write') may be granted a REST scope.
	 */
	public static function within_ceiling( string $scope, string $rest_access ): bool {
		if ( self::WRITE === $scope ) {
			return 'write' === $rest_access;
		}
		return self::READ === $scope && in_array( $rest_access, array( 'read', 'write' ), true );
	}
}
