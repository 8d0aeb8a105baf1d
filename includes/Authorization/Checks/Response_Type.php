<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * The authorization code flow only (RFC 9700 §2.1.2: no implicit or hybrid tokens in the front channel).
 */
final class Response_Type implements Step {
	public function run( Context $context ): ?Answer {
		$response_type = $context->params->get( 'response_type' );
		if ( null === $response_type ) {
			throw OAuth_Error::invalid_request( 'response_type is required' );
		}
		if ( 'code' !== $response_type ) {
			throw OAuth_Error::unsupported_response_type( 'Only the code response type is supported' );
		}
		return null;
	}
}
