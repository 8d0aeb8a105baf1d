<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

/**
 * One prepared `INSERT` of a row whose values the plugin built itself (hashes, ids, validated
 * UTF-8 parameters, JSON). `wpdb::insert()` would first ask MariaDB for the table's column
 * charsets (`SHOW FULL COLUMNS`, once per table and request) to strip characters the columns
 * cannot hold; on the token and authorization endpoints that is one extra query per request for
 * nothing, since every value here is ASCII or already checked to be UTF-8 (the tables are utf8mb4).
 */
final class Insert {
	/**
	 * @param array<string,scalar|null> $row     Column => value; null is stored as NULL.
	 * @param array<string,string>      $formats Column => `%s` or `%d`.
	 * @return bool Whether exactly one row was inserted.
	 */
	public static function row( string $table, array $row, array $formats ): bool {
		global $wpdb;
		$columns      = array();
		$placeholders = array();
		$values       = array();
		foreach ( $row as $column => $value ) {
			$columns[] = '`' . $column . '`';
			if ( null === $value ) {
				$placeholders[] = 'NULL';
				continue;
			}
			$placeholders[] = $formats[ $column ];
			$values[]       = $value;
		}
		$sql = "INSERT INTO `{$table}` (" . implode( ', ', $columns ) . ') VALUES (' . implode( ', ', $placeholders ) . ')';
		return 1 === $wpdb->query( $wpdb->prepare( $sql, $values ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- columns and table are ours; every value is a placeholder.
	}
}
