<?php
declare(strict_types=1);

namespace Keystone_OIDC\Activity;

use Keystone_OIDC\Storage\Expired_Rows;
use Keystone_OIDC\Storage\Schema;

/**
 * SQL for `{prefix}oidc_activity` of the site that was current when the repository was made. The
 * log's entries are written at the end of the request, when another site of a network may be
 * current (a `switch_to_blog()` left open): they still go to the table of the site they are about.
 */
final class Activity_Repository implements Activity_Store {
	/** @var string */
	private $table;

	public function __construct() {
		$this->table = Schema::activity_table();
	}

	public function insert_many( array $entries ): void {
		global $wpdb;
		if ( array() === $entries ) {
			return;
		}
		$table  = $this->table;
		$rows   = array();
		$values = array();
		foreach ( $entries as $entry ) {
			$rows[] = '(%d, %s, %s, %d, %s)';
			array_push( $values, $entry['created_at'], $entry['event'], $entry['client_id'], $entry['user_id'], (string) wp_json_encode( (object) $entry['details'] ) );
		}
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare -- table name is ours; one placeholder group per row.
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$table} (created_at, event, client_id, user_id, details) VALUES " . implode( ', ', $rows ), $values ) );
	}

	/**
	 * One page of entries, newest first, each with the name of its client ('' once the client is
	 * deleted).
	 *
	 * @return array<int,array{id:int,created_at:int,event:string,client_id:string,user_id:int,details:array<string,mixed>,client_name:?string}>
	 */
	public function page( Activity_Filter $filter, int $page, int $per_page ): array {
		global $wpdb;
		$table                  = $this->table;
		$clients                = Schema::clients_table();
		list( $where, $values ) = $filter->where( 'a' );
		$values[]               = $per_page;
		$values[]               = ( $page - 1 ) * $per_page;
		$rows                   = $wpdb->get_results(
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names are ours; $where holds placeholders only.
			$wpdb->prepare( "SELECT a.*, c.name AS client_name FROM {$table} a LEFT JOIN {$clients} c ON c.client_id = BINARY a.client_id WHERE {$where} ORDER BY a.created_at DESC, a.id DESC LIMIT %d OFFSET %d", $values ),
			ARRAY_A
		);
		$entries = array();
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$details   = json_decode( (string) $row['details'], true );
			$entries[] = array(
				'id'          => (int) $row['id'],
				'created_at'  => (int) $row['created_at'],
				'event'       => (string) $row['event'],
				'client_id'   => (string) $row['client_id'],
				'user_id'     => (int) $row['user_id'],
				'details'     => is_array( $details ) ? $details : array(),
				'client_name' => null === $row['client_name'] ? null : (string) $row['client_name'],
			);
		}
		return $entries;
	}

	public function count( Activity_Filter $filter ): int {
		global $wpdb;
		$table                  = $this->table;
		list( $where, $values ) = $filter->where( 'a' );
		$sql                    = "SELECT COUNT(*) FROM {$table} a WHERE {$where}";
		// phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- table name is ours; prepared when the filter has values.
		return (int) $wpdb->get_var( array() === $values ? $sql : $wpdb->prepare( $sql, $values ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
	}

	/**
	 * @return int How many entries older than `$before` (unix) were deleted, at most `$limit`.
	 */
	public function delete_before( int $before, int $limit ): int {
		return Expired_Rows::delete( $this->table, 'created_at < %d', array( $before ), 'created_at', $limit, 'Deleting old activity' );
	}
}
