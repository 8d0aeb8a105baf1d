<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * RFC 6749 §4.1.2.1 `unauthorized_client`: a client whose `grant_types` lack `authorization_code`
 * (a service that only uses client_credentials, a device-only client) may not start the code flow.
 * Runs once the redirect URI is proven, so the refusal goes back to the client; a client without
 * any redirect URI never gets that far and sees the error page.
 */
final class Code_Grant_Allowed implements Step {
	public function run( Context $context ): ?Answer {
		$client = $context->request()->client;
		if ( ! $client->allows_grant( Client::GRANT_AUTHORIZATION_CODE ) ) {
			throw OAuth_Error::unauthorized_client( 'This client may not use the authorization code grant' );
		}
		return null;
	}
}
