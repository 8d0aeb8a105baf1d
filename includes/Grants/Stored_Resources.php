<?php
declare(strict_types=1);

namespace Keystone_OIDC\Grants;

/**
 * The RFC 8707 resources an authorization request named, as a code or refresh token row keeps
 * them in its `data` (rows from before resources were stored have none).
 */
final class Stored_Resources {
	/**
	 * @param array<string,mixed> $row With decoded `data`.
	 * @return string[]
	 */
	public static function of( array $row ): array {
		$data      = is_array( $row['data'] ?? null ) ? $row['data'] : array();
		$resources = is_array( $data['resources'] ?? null ) ? $data['resources'] : array();
		return array_values( array_filter( $resources, 'is_string' ) );
	}
}
