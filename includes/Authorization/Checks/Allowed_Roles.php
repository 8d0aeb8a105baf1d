<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * A client restricted to some roles signs in only users who have one of them. Run again when the
 * consent decision comes back: the user's roles may have changed while the screen was open.
 */
final class Allowed_Roles implements Step {
	public function run( Context $context ): ?Answer {
		if ( ! $context->request()->client->allows_roles( $context->user()->roles ) ) {
			throw OAuth_Error::access_denied( 'This account may not sign in to this application' );
		}
		return null;
	}
}
