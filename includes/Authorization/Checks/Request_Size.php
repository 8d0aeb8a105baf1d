<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Redirect_Url;

/**
 * Encoded bytes of the parameters an authorization request may carry. They travel on in URLs (the
 * error redirect's `state`, the way back from wp-login.php), and a response header past a few
 * kilobytes is refused by proxies (nginx answers 502) and HTTP clients alike.
 */
final class Request_Size implements Step {
	const MAX_REQUEST_LENGTH = 4096;

	public function run( Context $context ): ?Answer {
		if ( strlen( Redirect_Url::encode( $context->params->to_array() ) ) > self::MAX_REQUEST_LENGTH ) {
			throw OAuth_Error::invalid_request( 'The authorization request is too large' );
		}
		return null;
	}
}
