<?php
declare(strict_types=1);

namespace Keystone_OIDC\Multisite;

/**
 * Which of some fields a request would change (pure): the fields the body names with a value other
 * than the current one. An object value (such as `lifetimes`) changes when any member it names
 * does; a boolean field compares as the boolean the body means (`"1"`, `"true"`).
 */
final class Changed_Fields {
	/**
	 * @param string[]            $fields  The fields to look at.
	 * @param array<string,mixed> $body    What the request sends.
	 * @param array<string,mixed> $current The current values (a new item's defaults).
	 * @return string[] The fields among `$fields` the body changes, in the order of `$fields`.
	 */
	public static function among( array $fields, array $body, array $current ): array {
		$changed = array();
		foreach ( $fields as $field ) {
			if ( array_key_exists( $field, $body ) && self::differs( $body[ $field ], $current[ $field ] ?? null ) ) {
				$changed[] = $field;
			}
		}
		return $changed;
	}

	/**
	 * @param mixed $value
	 * @param mixed $current
	 */
	private static function differs( $value, $current ): bool {
		if ( is_array( $value ) && is_array( $current ) && array() !== $value && array_keys( $value ) !== range( 0, count( $value ) - 1 ) ) {
			foreach ( $value as $key => $member ) {
				if ( self::differs( $member, $current[ $key ] ?? null ) ) {
					return true;
				}
			}
			return false;
		}
		if ( is_bool( $current ) && is_scalar( $value ) ) {
			return filter_var( $value, FILTER_VALIDATE_BOOLEAN ) !== $current;
		}
		if ( is_int( $current ) && is_numeric( $value ) ) {
			return (string) $value !== (string) $current;
		}
		return $value !== $current;
	}
}
