<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * The nonce is copied into the ID token; a bound keeps the stored code and the token small.
 */
final class Nonce implements Step {
	const MAX_LENGTH = 512;

	public function run( Context $context ): ?Answer {
		$nonce = $context->params->get( 'nonce' );
		if ( null !== $nonce && strlen( $nonce ) > self::MAX_LENGTH ) {
			throw OAuth_Error::invalid_request( 'nonce is too long' );
		}
		$context->request()->nonce = $nonce;
		return null;
	}
}
