<?php
declare(strict_types=1);

namespace Keystone_OIDC\Consent;

use Keystone_OIDC\Authorization\Consent_Ledger;

/**
 * The consents of `{prefix}oidc_consents`, as the authorization pipeline reads and adds to them.
 */
final class Remembered_Consents implements Consent_Ledger {
	public function covers( int $user_id, string $client_id, array $scopes ): bool {
		return Consent_Manager::covers( $user_id, $client_id, $scopes );
	}

	public function remember( int $user_id, string $client_id, array $scopes ): void {
		Consent_Manager::remember( $user_id, $client_id, $scopes );
	}
}
