<?php
declare(strict_types=1);

namespace Keystone_OIDC\Http;

/**
 * The first step of every endpoint: answers a CORS preflight, refuses a method the endpoint does
 * not serve with 405 and `Allow`, and lets the rest through.
 */
final class Method_Guard {
	/**
	 * @param string[] $methods
	 * @return bool Whether the endpoint should go on; false when the response has been written.
	 */
	public static function allow( Request $request, array $methods ): bool {
		if ( in_array( $request->method(), $methods, true ) ) {
			return true;
		}
		if ( 'OPTIONS' === $request->method() ) {
			Responder::preflight( $methods );
			return false;
		}
		Responder::error_json(
			new OAuth_Error( 'invalid_request', sprintf( 'The %s method is not allowed here', $request->method() ), 405, array( 'Allow' => implode( ', ', $methods ) ) )
		);
		return false;
	}
}
