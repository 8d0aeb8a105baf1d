<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

use Keystone_OIDC\Endpoints\Authorization_Request;
use Keystone_OIDC\Tokens\Code_Issuer;

/**
 * Codes in `{prefix}oidc_auth_codes`, issued by `Tokens\Code_Issuer`.
 */
final class Stored_Codes implements Code_Issuance {
	public function issue( Authorization_Request $request, int $user_id, int $auth_time ): string {
		return Code_Issuer::issue( $request, $user_id, $auth_time );
	}
}
