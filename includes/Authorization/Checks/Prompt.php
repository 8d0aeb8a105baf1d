<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * OIDC Core §3.1.2.1 `prompt`: a space-separated list of the supported values, `none` alone.
 */
final class Prompt implements Step {
	const SUPPORTED = array( 'none', 'login', 'consent', 'select_account' );

	public function run( Context $context ): ?Answer {
		$prompt = Scope::parse( (string) $context->params->get( 'prompt' ) );
		if ( array() !== array_diff( $prompt, self::SUPPORTED ) ) {
			throw OAuth_Error::invalid_request( 'Unsupported prompt value' );
		}
		if ( in_array( 'none', $prompt, true ) && count( $prompt ) > 1 ) {
			throw OAuth_Error::invalid_request( 'prompt=none cannot be combined with other values' );
		}
		$context->request()->prompt = $prompt;
		return null;
	}
}
