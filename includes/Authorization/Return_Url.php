<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Http\Redirect_Url;

/**
 * An authorization request as a GET URL, to come back to after logging in (or after "Not you?").
 * A forced re-login is asked for once: `login` leaves the prompt and `max_age` is dropped (the new
 * sign-in satisfies it), so the way back does not loop.
 */
final class Return_Url {
	public static function build( Parameters $params, string $authorize_url ): string {
		$values = $params->to_array();
		unset( $values['max_age'] );
		if ( isset( $values['prompt'] ) ) {
			$values['prompt'] = Scope::to_string( array_diff( Scope::parse( $values['prompt'] ), array( 'login' ) ) );
			if ( '' === $values['prompt'] ) {
				unset( $values['prompt'] );
			}
		}
		// A repeated `resource` is not among the single values; it comes back as many times as it came.
		unset( $values['resource'] );
		$url = Redirect_Url::build( $authorize_url, $values );
		foreach ( $params->all( 'resource' ) as $resource ) {
			$url .= '&' . Redirect_Url::encode( array( 'resource' => $resource ) );
		}
		return $url;
	}
}
