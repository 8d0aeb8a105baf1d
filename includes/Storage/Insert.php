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
		return self::rows( $table, array( $row ), $formats );
	}

	/**
	 * Several rows of the same columns in one statement: the tokens of one grant cost one round
	 * trip to MariaDB, not one each.
	 *
	 * @param array<int,array<string,scalar|null>> $rows    Each column => value, the same columns in the same order.
	 * @param array<string,string>                 $formats Column => `%s` or `%d`.
	 * @return bool Whether every row was inserted.
	 */
	public static function rows( string $table, array $rows, array $formats ): bool {
		global $wpdb;
		$columns = array();
		foreach ( array_keys( (array) reset( $rows ) ) as $column ) {
			$columns[] = '`' . $column . '`';
		}
		$tuples = array();
		$values = array();
		foreach ( $rows as $row ) {
			$placeholders = array();
			foreach ( $row as $column => $value ) {
				if ( null === $value ) {
					$placeholders[] = 'NULL';
					continue;
				}
				$placeholders[] = $formats[ $column ];
				$values[]       = $value;
			}
			$tuples[] = '(' . implode( ', ', $placeholders ) . ')';
		}
		$sql = "INSERT INTO `{$table}` (" . implode( ', ', $columns ) . ') VALUES ' . implode( ', ', $tuples );
		return count( $rows ) === $wpdb->query( $wpdb->prepare( $sql, $values ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- columns and table are ours; every value is a placeholder.
	}
}
