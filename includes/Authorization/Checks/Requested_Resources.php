<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Checks\Resource_Indicator;
use Keystone_OIDC\Http\Answer;

/**
 * RFC 8707 §2.1: every `resource` must be one the client may have tokens for (`permitted_resources`); the tokens of this grant
 * are then limited to them.
 */
final class Requested_Resources implements Step {
	public function run( Context $context ): ?Answer {
		$request   = $context->request();
		$requested = $context->params->all( 'resource' );
		Resource_Indicator::assert_permitted( $requested, $request->client->permitted_resources() );
		$request->resources = $requested;
		return null;
	}
}
