<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

/**
 * Verifies an `id_token_hint` (OIDC Core §3.1.2.1) and says whom it names.
 */
interface Hint_Verifier {
	/**
	 * @return string The hint's `sub`: the user ID the client expects.
	 * @throws \Keystone_OIDC\Http\OAuth_Error invalid_request when it is not an ID token of this provider.
	 */
	public function subject( string $hint ): string;
}
