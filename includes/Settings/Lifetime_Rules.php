<?php
declare(strict_types=1);

namespace Keystone_OIDC\Settings;

/**
 * Pure: the bounds an administrator may set the four lifetimes (`Settings.lifetimes`) within, in
 * seconds, and the reading of what is stored. The bounds keep every value usable: a code must
 * outlive a slow redirect but never become a long-lived credential; an access or ID token lives a
 * minute to a day (a stolen one cannot be recalled from a relying party); a refresh token an hour
 * to a year.
 */
final class Lifetime_Rules {
	const RANGES = array(
		'access'  => array( 60, 86400 ),
		'id'      => array( 60, 86400 ),
		'refresh' => array( 3600, 31536000 ),
		'code'    => array( 10, 600 ),
	);

	/**
	 * The first problem of a `lifetimes` value: null when it is an object of known keys with whole
	 * numbers in range, '' when it is not an object (or is empty), else the key that is wrong.
	 *
	 * @param mixed $value
	 */
	public static function first_invalid( $value ): ?string {
		if ( ! is_array( $value ) || array() === $value || array_keys( $value ) === range( 0, count( $value ) - 1 ) ) {
			return '';
		}
		foreach ( $value as $key => $seconds ) {
			$key = (string) $key;
			if ( ! isset( self::RANGES[ $key ] ) ) {
				return $key;
			}
			list( $min, $max ) = self::RANGES[ $key ];
			if ( ! Setting_Error::is_int_between( $seconds, $min, $max ) ) {
				return $key;
			}
		}
		return null;
	}

	/**
	 * The stored lifetimes that are still valid, by key (a value stored by hand out of range is
	 * ignored, so the default applies).
	 *
	 * @param mixed $stored
	 * @return array<string,int>
	 */
	public static function valid( $stored ): array {
		$valid = array();
		if ( ! is_array( $stored ) ) {
			return $valid;
		}
		foreach ( self::RANGES as $key => $range ) {
			if ( isset( $stored[ $key ] ) && is_numeric( $stored[ $key ] ) ) {
				$seconds = (int) $stored[ $key ];
				if ( $seconds >= $range[0] && $seconds <= $range[1] ) {
					$valid[ $key ] = $seconds;
				}
			}
		}
		return $valid;
	}

	/**
	 * How long retired signing keys must stay published after a change from `$before` to
	 * `$after` lifetimes: a token signed just before the change lives as long as the old
	 * lifetimes said, so when they shrink the old, longer life is kept until it has passed.
	 *
	 * @param array<string,int>                     $before Effective lifetimes before the change.
	 * @param array<string,int>                     $after  Effective lifetimes after it.
	 * @param array{seconds: int, until: int}|null $floor  The floor already in force, if any.
	 * @return array{seconds: int, until: int}|null The floor to keep, or null when none is needed.
	 */
	public static function retention_floor( array $before, array $after, ?array $floor, int $now ): ?array {
		$old  = max( $before['id'], $before['access'] );
		$new  = max( $after['id'], $after['access'] );
		$kept = null !== $floor && $floor['until'] > $now ? $floor : null;
		if ( $old > $new ) {
			// Keeping keys a little longer than needed is harmless; dropping one early is not.
			return array(
				'seconds' => max( $old, null === $kept ? 0 : $kept['seconds'] ),
				'until'   => max( $now + $old, null === $kept ? 0 : $kept['until'] ),
			);
		}
		return $kept;
	}
}
