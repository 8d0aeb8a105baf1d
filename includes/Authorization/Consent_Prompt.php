<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

use Keystone_OIDC\Endpoints\Authorization_Request;
use Keystone_OIDC\Http\Answer;

/**
 * Keeps the request until the user decides and answers with the consent screen
 * (`Consent\Consent_Page`). The decision comes back to the resume step, `Endpoints\Consent_Decision`.
 */
interface Consent_Prompt {
	/**
	 * @param string $return_url This request as a GET URL ("Not you?" signs out and comes back to it).
	 */
	public function ask( Authorization_Request $request, Signed_In_User $user, string $return_url ): Answer;
}
