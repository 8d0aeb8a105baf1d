<?php
declare(strict_types=1);

namespace Keystone_OIDC\Users;

/**
 * The site's users.
 */
final class WordPress_Users implements User_Directory {
	/**
	 * The columns this class adds to a `users` row to carry one meta row each.
	 */
	const META_ID    = 'keystone_oidc_meta_id';
	const META_KEY   = 'keystone_oidc_meta_key';
	const META_VALUE = 'keystone_oidc_meta_value';

	public function find( int $user_id ): ?\WP_User {
		if ( $user_id > 0 && false === wp_cache_get( $user_id, 'users' ) ) {
			self::prime( $user_id );
		}
		$user = get_userdata( $user_id );
		return $user instanceof \WP_User ? $user : null;
	}

	/**
	 * Reads the user and all their meta in one statement and hands both to WordPress's own caches,
	 * in the shapes `WP_User::get_data_by()` and `update_meta_cache()` store: `get_userdata()`,
	 * the role check and the claims then query nothing. WordPress alone would send two statements
	 * (the row, then the meta) on every grant, refresh and UserInfo request. A user already in the
	 * object cache (a persistent one) is not read at all. The meta rows are put in `umeta_id` order
	 * here, as WordPress orders them: an ORDER BY on the joined table made MariaDB build a temporary
	 * table and sort it, three times the time of the statement without it (`npm run bench`).
	 */
	private static function prime( int $user_id ): void {
		global $wpdb;
		$rows = $wpdb->get_results( $wpdb->prepare( 'SELECT u.*, m.umeta_id AS `' . self::META_ID . '`, m.meta_key AS `' . self::META_KEY . '`, m.meta_value AS `' . self::META_VALUE . "` FROM {$wpdb->users} u LEFT JOIN {$wpdb->usermeta} m ON m.user_id = %d WHERE u.ID = %d", $user_id, $user_id ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.NoCaching -- core's table names; fills core's caches.
		if ( ! is_array( $rows ) || array() === $rows ) {
			return;
		}
		usort(
			$rows,
			static function ( $a, $b ): int {
				return (int) $a->{self::META_ID} <=> (int) $b->{self::META_ID};
			}
		);
		$meta = array();
		foreach ( $rows as $row ) {
			if ( null !== $row->{self::META_KEY} ) {
				$meta[ $row->{self::META_KEY} ][] = $row->{self::META_VALUE};
			}
		}
		$user = clone $rows[0];
		unset( $user->{self::META_ID}, $user->{self::META_KEY}, $user->{self::META_VALUE} );
		update_user_caches( $user );
		wp_cache_add( $user_id, $meta, 'user_meta' );
	}
}
