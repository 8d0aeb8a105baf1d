<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

use Keystone_OIDC\Endpoints\Authorization_Request;

/**
 * Stores a new authorization code for the request and returns it (`Stored_Codes`).
 */
interface Code_Issuance {
	public function issue( Authorization_Request $request, int $user_id, int $auth_time ): string;
}
