<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Http\Answer;

/**
 * Parameters that must not be repeated (RFC 6749 §3.1), checked as a whole before any is used.
 * `resource` may be (RFC 8707 §2).
 */
final class Single_Parameters implements Step {
	const SINGLE = array( 'client_id', 'redirect_uri', 'response_type', 'response_mode', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'prompt', 'max_age', 'request', 'request_uri', 'login_hint', 'id_token_hint', 'ui_locales', 'display', 'acr_values', 'claims' );

	public function run( Context $context ): ?Answer {
		$context->params->assert_single( self::SINGLE );
		return null;
	}
}
