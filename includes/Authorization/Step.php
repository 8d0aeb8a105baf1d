<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

use Keystone_OIDC\Http\Answer;

/**
 * One step of an authorization pipeline (as node-oidc-provider's `lib/actions/authorization/*`):
 * it reads and fills the context, throws an `OAuth_Error` to refuse the request, or returns an
 * answer that ends the request (send the user to log in, ask for consent, issue the code).
 */
interface Step {
	public function run( Context $context ): ?Answer;
}
