<?php
declare(strict_types=1);

namespace Keystone_OIDC\Clients;

/**
 * Where the public keys a client signs its assertions with (`private_key_jwt`) are found: its
 * pasted `jwks`, or the JWK Set at its `jwks_uri`.
 */
interface Client_Key_Source {
	/**
	 * @param bool $refresh Ask the `jwks_uri` again (an unknown kid: the client may have rotated),
	 *                      unless it was fetched moments ago.
	 * @return array<int|string,mixed> The JWK Set's `keys`.
	 * @throws Keys_Unavailable When the client has no keys or its `jwks_uri` cannot be fetched.
	 */
	public function keys( Client $client, bool $refresh = false ): array;
}
