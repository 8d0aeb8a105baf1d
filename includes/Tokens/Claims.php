<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Users\Email_Confirmation;

/**
 * OIDC Core §5.4: which user claims each scope releases, and their values from a WordPress user.
 * The same selection feeds the ID token and UserInfo.
 */
final class Claims {
	const BY_SCOPE = array(
		'profile' => array( 'name', 'given_name', 'family_name', 'preferred_username', 'nickname', 'picture', 'website', 'updated_at' ),
		'email'   => array( 'email', 'email_verified' ),
		'roles'   => array( 'roles', 'groups' ),
	);

	const PROTOCOL = array( 'sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'azp', 'at_hash', 'sid' );

	/**
	 * User meta recording when the profile last changed: WordPress itself does not keep it.
	 */
	const UPDATED_AT_META = 'keystone_oidc_updated_at';

	/**
	 * @return string[] Every claim an ID token or UserInfo response can carry, except those an
	 *                  administrator mapped (`Claim_Map::names()`); discovery announces both.
	 */
	public static function supported(): array {
		return array_values( array_unique( array_merge( self::PROTOCOL, self::BY_SCOPE['profile'], self::BY_SCOPE['email'], self::BY_SCOPE['roles'] ) ) );
	}

	/**
	 * Keeps the claims the granted scopes release, leaving out those without a value.
	 *
	 * @param array<string,mixed> $available Claim name => value (null or '' when unknown).
	 * @param string[]            $scopes
	 * @return array<string,mixed>
	 */
	public static function select( array $available, array $scopes ): array {
		$claims = array();
		foreach ( self::BY_SCOPE as $scope => $names ) {
			if ( ! in_array( $scope, $scopes, true ) ) {
				continue;
			}
			foreach ( $names as $name ) {
				$value = $available[ $name ] ?? null;
				if ( null !== $value && '' !== $value ) {
					$claims[ $name ] = $value;
				}
			}
		}
		return $claims;
	}

	/**
	 * `sub` plus the user's claims for the granted scopes, then the administrator's mapped claims
	 * (`Claim_Map`, which may replace a standard claim of the same name). Filter
	 * `keystone_oidc_claims` ($claims, WP_User, string[] $scopes, Client) runs last and may add or
	 * change claims; `sub` stays.
	 *
	 * @param string[] $scopes
	 * @return array<string,mixed>
	 */
	public static function for_user( \WP_User $user, array $scopes, Client $client ): array {
		$sub      = (string) $user->ID;
		$claims   = array_merge( array( 'sub' => $sub ), self::select( self::of_user( $user ), $scopes ), Claim_Map::claims_for( $user, $scopes ) );
		$filtered = apply_filters( 'keystone_oidc_claims', $claims, $user, $scopes, $client );
		$claims   = is_array( $filtered ) ? $filtered : $claims;
		return array_merge( $claims, array( 'sub' => $sub ) );
	}

	/**
	 * @return array<string,mixed>
	 */
	public static function of_user( \WP_User $user ): array {
		$updated_at = (int) get_user_meta( $user->ID, self::UPDATED_AT_META, true );
		$picture    = get_avatar_url( $user->ID );
		return array(
			'name'               => (string) $user->display_name,
			'given_name'         => (string) $user->first_name,
			'family_name'        => (string) $user->last_name,
			'preferred_username' => (string) $user->user_login,
			'nickname'           => (string) $user->nickname,
			'picture'            => is_string( $picture ) ? $picture : null,
			'website'            => (string) $user->user_url,
			'updated_at'         => $updated_at > 0 ? $updated_at : null,
			'email'              => (string) $user->user_email,
			// WordPress itself never proves that a user controls the address: it is vouched for
			// only when the administrator trusts the addresses WordPress confirmed
			// (`Settings.trust_email`, `Users\Email_Confirmation`) or a plugin that does verify
			// them says so.
			'email_verified'     => (bool) apply_filters( 'keystone_oidc_email_verified', Email_Confirmation::vouched( $user ), $user ),
			'roles'              => Role_Claims::roles( $user ),
			'groups'             => Role_Claims::groups( $user ),
		);
	}

	/**
	 * `profile_update` hook: remembers when the profile changed, for `updated_at`.
	 */
	public static function record_profile_update( int $user_id ): void {
		update_user_meta( $user_id, self::UPDATED_AT_META, time() );
	}
}
