<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Endpoints\Authorization_Request;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * `query` (the default) or `form_post` (OAuth 2.0 Form Post Response Mode).
 */
final class Response_Mode implements Step {
	const SUPPORTED = array( Authorization_Request::RESPONSE_MODE_QUERY, Authorization_Request::RESPONSE_MODE_FORM_POST );

	public function run( Context $context ): ?Answer {
		$response_mode = $context->params->get( 'response_mode' );
		if ( null !== $response_mode && ! in_array( $response_mode, self::SUPPORTED, true ) ) {
			throw OAuth_Error::invalid_request( 'Supported response modes: ' . implode( ', ', self::SUPPORTED ) );
		}
		return null;
	}
}
