<?php
declare(strict_types=1);

namespace Keystone_OIDC\Settings;

/**
 * `default_allowed_roles`: the `allowed_roles` a client created by an administrator (the Add
 * Client screen, `POST /clients`) starts with when its input names none. Empty, the default,
 * admits every role, as before. Clients registered dynamically or declared in code keep their own
 * rules. Read on those screens and requests only: not autoloaded.
 */
final class Default_Roles_Settings implements Setting_Group {
	const OPTION = 'keystone_oidc_default_allowed_roles';

	/**
	 * The stored roles that still exist on the site.
	 *
	 * @return string[]
	 */
	public static function roles(): array {
		$stored = get_option( self::OPTION, array() );
		if ( ! is_array( $stored ) ) {
			return array();
		}
		return array_values(
			array_filter(
				$stored,
				static function ( $role ): bool {
					return is_string( $role ) && wp_roles()->is_role( $role );
				}
			)
		);
	}

	/**
	 * A new client's input with the default roles when it names no `allowed_roles`.
	 *
	 * @param array<string,mixed> $input
	 * @return array<string,mixed>
	 */
	public static function apply_to_new_client( array $input ): array {
		if ( ! array_key_exists( 'allowed_roles', $input ) ) {
			$roles = self::roles();
			if ( array() !== $roles ) {
				$input['allowed_roles'] = $roles;
			}
		}
		return $input;
	}

	public function fields(): array {
		return array( 'default_allowed_roles' );
	}

	public function to_array(): array {
		return array( 'default_allowed_roles' => self::roles() );
	}

	public function validate( array $body ) {
		if ( ! array_key_exists( 'default_allowed_roles', $body ) ) {
			return null;
		}
		$roles = $body['default_allowed_roles'];
		if ( ! is_array( $roles ) || ( array() !== $roles && array_keys( $roles ) !== range( 0, count( $roles ) - 1 ) ) ) {
			return Setting_Error::invalid( 'default_allowed_roles', __( 'default_allowed_roles must be a list of role slugs.', 'keystone-oidc' ) );
		}
		foreach ( $roles as $role ) {
			if ( ! is_string( $role ) || ! wp_roles()->is_role( $role ) ) {
				return Setting_Error::invalid(
					'default_allowed_roles',
					/* translators: %s: the role slug. */
					sprintf( __( 'default_allowed_roles: "%s" is not a role on this site.', 'keystone-oidc' ), is_scalar( $role ) ? (string) $role : gettype( $role ) )
				);
			}
		}
		return null;
	}

	public function save( array $body ): void {
		if ( array_key_exists( 'default_allowed_roles', $body ) ) {
			update_option( self::OPTION, array_values( array_unique( $body['default_allowed_roles'] ) ), false );
		}
	}

	public function schema(): array {
		return array(
			'default_allowed_roles' => array(
				'description' => __( 'The allowed_roles a client created by an administrator starts with when it names none; empty = every role.', 'keystone-oidc' ),
				'type'        => 'array',
				'items'       => array( 'type' => 'string' ),
			),
		);
	}
}
