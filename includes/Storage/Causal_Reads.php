<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

/**
 * Read-your-writes on a MariaDB Galera cluster. Galera certifies a commit on every node at once
 * but applies it on the other nodes a moment later, so a code issued through node 1 may not yet
 * be visible to the token request that node 2 receives right after. Before a protocol request
 * reads anything, `barrier()` makes this node wait until it has applied every transaction the
 * cluster committed before the request arrived (`wsrep_sync_wait`, for one statement only: later
 * statements of the same request are already past that point). On any other database it does
 * nothing and costs nothing.
 *
 * Whether the site runs on Galera: the `KEYSTONE_OIDC_GALERA` constant when wp-config.php defines
 * it (the documented setting, no query at all), otherwise `@@wsrep_on` asked once and remembered
 * in an autoloaded option for an hour. Only protocol requests ever ask, never a page view.
 */
final class Causal_Reads implements Replication {
	const OPTION = 'keystone_oidc_galera';

	/** How long a detection is trusted before it is made again (a database moved to a cluster). */
	const RECHECK = HOUR_IN_SECONDS;

	/** @var bool|null This request's answer. */
	private $galera = null;

	/**
	 * Waits until this node has applied what the cluster committed before now; a no-op off Galera.
	 *
	 * @throws Database_Error When the node cannot answer (not synced, gone): the request fails as an outage.
	 */
	public function barrier(): void {
		if ( ! $this->on_galera() ) {
			return;
		}
		global $wpdb;
		$wpdb->query( 'SET STATEMENT wsrep_sync_wait = 1 FOR SELECT 1' );
		Database_Error::throw_if_failed( 'Waiting for the cluster' );
	}

	public function writes_race_across_nodes(): bool {
		return $this->on_galera();
	}

	public function on_galera(): bool {
		if ( null === $this->galera ) {
			$this->galera = defined( 'KEYSTONE_OIDC_GALERA' ) ? (bool) KEYSTONE_OIDC_GALERA : $this->detected();
		}
		return $this->galera;
	}

	private function detected(): bool {
		if ( defined( 'DB_ENGINE' ) && 'sqlite' === DB_ENGINE ) {
			return false;
		}
		$cached = get_option( self::OPTION );
		if ( is_array( $cached ) && isset( $cached['on'], $cached['at'] ) && (int) $cached['at'] > time() - self::RECHECK ) {
			return (bool) $cached['on'];
		}
		global $wpdb;
		// Unknown on MySQL and SQLite: an error there means "not Galera", and is not shown.
		$suppressed = $wpdb->suppress_errors( true );
		$value      = $wpdb->get_var( 'SELECT @@wsrep_on' );
		$wpdb->suppress_errors( $suppressed );
		$on = '1' === (string) $value;
		// An answer, or MySQL's "unknown system variable" (1193), is worth remembering; a node
		// that cannot answer now is asked again on the next request.
		$link = $wpdb->dbh;
		if ( '' === $wpdb->last_error || ( $link instanceof \mysqli && 1193 === mysqli_errno( $link ) ) ) {
			update_option(
				self::OPTION,
				array(
					'on' => $on,
					'at' => time(),
				),
				true
			);
		}
		return $on;
	}
}
