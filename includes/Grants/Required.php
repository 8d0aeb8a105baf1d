<?php
declare(strict_types=1);

namespace Keystone_OIDC\Grants;

use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;

/**
 * A parameter a grant cannot do without: missing → `invalid_request` naming it.
 */
final class Required {
	public static function get( Parameters $params, string $name ): string {
		$value = $params->get( $name );
		if ( null === $value ) {
			throw OAuth_Error::invalid_request( sprintf( '%s is required', $name ) );
		}
		return $value;
	}
}
