<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * OIDC Core §3.1.2.1 `max_age`: seconds, a non-negative integer. `Signed_In` acts on it.
 */
final class Max_Age implements Step {
	public function run( Context $context ): ?Answer {
		$max_age = $context->params->get( 'max_age' );
		if ( null === $max_age ) {
			return null;
		}
		if ( 1 !== preg_match( '/^\d{1,10}$/D', $max_age ) ) {
			throw OAuth_Error::invalid_request( 'max_age must be a non-negative integer' );
		}
		$context->request()->max_age = (int) $max_age;
		return null;
	}
}
