<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Container;
use Keystone_OIDC\Http\Method_Guard;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Http\Responder;

/**
 * RFC 7517 key set: every published public key (current and retired-but-needed), each with `kid`,
 * `use` and `alg`. Short-lived cache so a rotation reaches relying parties quickly; they refetch
 * on an unknown `kid` anyway.
 */
final class Jwks implements Endpoint {
	const MAX_AGE = 300;

	public function handle( Request $request, string $name ): void {
		if ( ! Method_Guard::allow( $request, array( 'GET', 'HEAD' ) ) ) {
			return;
		}
		Responder::public_json( $request, Container::site()->key_store()->public_jwks(), self::MAX_AGE );
	}
}
