<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

/**
 * The scopes each user allowed each client so far (`Consent\Remembered_Consents` keeps them in
 * `{prefix}oidc_consents`).
 */
interface Consent_Ledger {
	/**
	 * @param string[] $scopes
	 */
	public function covers( int $user_id, string $client_id, array $scopes ): bool;

	/**
	 * Adds the scopes to what the user allowed the client.
	 *
	 * @param string[] $scopes
	 */
	public function remember( int $user_id, string $client_id, array $scopes ): void;
}
