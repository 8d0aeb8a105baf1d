<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

/**
 * Turns a redeemed grant into the token endpoint's answer, recording every token it issues under
 * the grant's family.
 */
interface Grant_Issuer {
	/**
	 * @return array<string,mixed> The token endpoint's JSON answer (RFC 6749 §5.1, OIDC Core §3.1.3.3).
	 */
	public function issue( Grant $grant ): array;

	/**
	 * @return array<string,mixed> The token endpoint's JSON answer for a client acting for itself (RFC 6749 §4.4.3).
	 */
	public function issue_to_client( Client_Grant $grant ): array;
}
