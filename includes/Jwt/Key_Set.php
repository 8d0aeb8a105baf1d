<?php
declare(strict_types=1);

namespace Keystone_OIDC\Jwt;

use Keystone_OIDC\Crypto\Public_Key;

/**
 * Where a verifier finds the key a JWT names: this provider's own keys (`Keys\Key_Store`), or a
 * client's published JWKS (`Jwks_Key_Set`).
 */
interface Key_Set {
	/**
	 * @param string|null $kid The header's `kid`; null when it has none.
	 * @param string      $alg The header's `alg`, already on the caller's allow-list.
	 * @throws Jwt_Error `kid_unknown` when no key answers to the kid, `key_unfit` when the one that
	 *                   does is not for this algorithm.
	 */
	public function key_for( ?string $kid, string $alg ): Public_Key;
}
