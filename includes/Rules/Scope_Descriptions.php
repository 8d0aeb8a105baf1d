<?php
declare(strict_types=1);

namespace Keystone_OIDC\Rules;

use Keystone_OIDC\Config;

/**
 * The one source of what each scope lets an application see, in plain words: the consent page,
 * the user's list of connected applications and the admin's scope checkboxes all read it here.
 *
 * The wording speaks to the person who is asked to allow the scope, because that is whom it
 * matters to; the admin sees the same words, so what they choose is what users are asked.
 * Filter `keystone_oidc_scope_descriptions` (array scope => text) words custom scopes that
 * `keystone_oidc_supported_scopes` adds, or rewords the built-in ones; a scope left without
 * words is shown by its name.
 */
final class Scope_Descriptions {
	/**
	 * Every supported scope with its description, in the order the scopes are supported.
	 *
	 * @return array<string,string>
	 */
	public static function supported(): array {
		$described = array();
		foreach ( self::describe( Config::supported_scopes() ) as $entry ) {
			$described[ $entry['scope'] ] = $entry['description'];
		}
		return $described;
	}

	/**
	 * The given scopes, in their order, each with its description.
	 *
	 * @param string[] $scopes
	 * @return array<int,array{scope: string, description: string}>
	 */
	public static function describe( array $scopes ): array {
		return self::pair( $scopes, apply_filters( 'keystone_oidc_scope_descriptions', self::built_in() ) );
	}

	/**
	 * Pairs each scope with its text; a filter that returned something other than text for a
	 * scope (or no array at all) leaves that scope described by its name.
	 *
	 * @param string[] $scopes
	 * @param mixed    $descriptions
	 * @return array<int,array{scope: string, description: string}>
	 */
	public static function pair( array $scopes, $descriptions ): array {
		$described = array();
		foreach ( $scopes as $scope ) {
			$text        = is_array( $descriptions ) && isset( $descriptions[ $scope ] ) && is_string( $descriptions[ $scope ] ) ? $descriptions[ $scope ] : $scope;
			$described[] = array(
				'scope'       => $scope,
				'description' => $text,
			);
		}
		return $described;
	}

	/**
	 * @return array<string,string>
	 */
	private static function built_in(): array {
		return array(
			'openid'         => __( 'Know who you are on this site (your user ID)', 'keystone-oidc' ),
			'profile'        => __( 'Your name, username, profile picture and website', 'keystone-oidc' ),
			'email'          => __( 'Your email address', 'keystone-oidc' ),
			'offline_access' => __( 'Stay connected to your account when you are not using it', 'keystone-oidc' ),
			'roles'          => __( 'See your roles on this site (for example administrator or subscriber)', 'keystone-oidc' ),
			'wordpress:read'  => __( 'Read this site\'s content and settings as you, through its REST API: whatever your account may see', 'keystone-oidc' ),
			'wordpress:write' => __( 'Read and change this site as you, through its REST API: create, edit and delete whatever your account may', 'keystone-oidc' ),
		);
	}
}
