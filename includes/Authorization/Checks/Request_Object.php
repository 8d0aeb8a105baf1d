<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * OIDC Core §6: request objects are not offered (discovery says so).
 */
final class Request_Object implements Step {
	public function run( Context $context ): ?Answer {
		if ( $context->params->has( 'request' ) ) {
			throw OAuth_Error::request_not_supported( 'The request parameter is not supported' );
		}
		if ( $context->params->has( 'request_uri' ) ) {
			throw OAuth_Error::request_uri_not_supported( 'The request_uri parameter is not supported' );
		}
		return null;
	}
}
