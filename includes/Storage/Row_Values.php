<?php
declare(strict_types=1);

namespace Keystone_OIDC\Storage;

/**
 * What the code and token tables share as MariaDB returns them: nullable times as strings, `data`
 * as JSON.
 */
final class Row_Values {
	/**
	 * @param array<string,mixed> $row
	 * @return array<string,mixed> The row with `used_at` and `revoked_at` as int|null and `data` decoded.
	 */
	public static function decoded( array $row ): array {
		foreach ( array( 'used_at', 'revoked_at' ) as $column ) {
			$row[ $column ] = null === $row[ $column ] ? null : (int) $row[ $column ];
		}
		$data        = json_decode( (string) $row['data'], true );
		$row['data'] = is_array( $data ) ? $data : array();
		return $row;
	}
}
