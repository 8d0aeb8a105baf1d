<?php
declare(strict_types=1);

namespace Keystone_OIDC\Activity;

/**
 * What `GET /activity` asks for: the entries of one client, one user, some events, within a time
 * range (unix seconds, both ends included). Turned into one WHERE clause with placeholders, so
 * the count and the page read the same rows.
 */
final class Activity_Filter {
	/** @var string|null */
	public $client_id = null;

	/** @var int|null */
	public $user_id = null;

	/** @var string[] Empty: every event. */
	public $events = array();

	/** @var int|null */
	public $after = null;

	/** @var int|null */
	public $before = null;

	/**
	 * @return array{0:string,1:array<int,int|string>} The condition (`1=1` for none) and its values,
	 *                                                 for `$wpdb->prepare`.
	 */
	public function where( string $alias ): array {
		$conditions = array( '1=1' );
		$values     = array();
		if ( null !== $this->client_id ) {
			// BINARY: a client_id is case-sensitive, the column's collation is not.
			$conditions[] = "{$alias}.client_id = BINARY %s";
			$values[]     = $this->client_id;
		}
		if ( null !== $this->user_id ) {
			$conditions[] = "{$alias}.user_id = %d";
			$values[]     = $this->user_id;
		}
		if ( array() !== $this->events ) {
			$conditions[] = "{$alias}.event IN (" . implode( ', ', array_fill( 0, count( $this->events ), '%s' ) ) . ')';
			$values       = array_merge( $values, array_values( $this->events ) );
		}
		if ( null !== $this->after ) {
			$conditions[] = "{$alias}.created_at >= %d";
			$values[]     = $this->after;
		}
		if ( null !== $this->before ) {
			$conditions[] = "{$alias}.created_at <= %d";
			$values[]     = $this->before;
		}
		return array( implode( ' AND ', $conditions ), $values );
	}
}
