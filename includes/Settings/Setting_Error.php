<?php
declare(strict_types=1);

namespace Keystone_OIDC\Settings;

use WP_Error;

/**
 * The one shape of a refused `/settings` field: `keystone_oidc_invalid_<field>`, status 400, the
 * field named in `data.field` so a screen can put the message beside it.
 */
final class Setting_Error {
	/**
	 * @param array<string,mixed> $data Extra details (e.g. `key` inside `lifetimes`).
	 */
	public static function invalid( string $field, string $message, array $data = array() ): WP_Error {
		return new WP_Error(
			'keystone_oidc_invalid_' . $field,
			$message,
			array_merge(
				$data,
				array(
					'status' => 400,
					'field'  => $field,
				)
			)
		);
	}

	/**
	 * Whether a value is a whole number (JSON integer) from `$min` to `$max`.
	 *
	 * @param mixed $value
	 */
	public static function is_int_between( $value, int $min, int $max ): bool {
		return is_int( $value ) && $value >= $min && $value <= $max;
	}
}
