<?php
declare(strict_types=1);

namespace Keystone_OIDC\Models;

/**
 * The stored side of an access token: what revocation ends and what UserInfo and introspection
 * check besides the JWT itself.
 */
final class Access_Token_Record extends Stored_Token {
	public function type(): string {
		return self::TYPE_ACCESS;
	}

	public function is_active( int $now ): bool {
		return ! $this->is_revoked() && ! $this->is_expired( $now );
	}
}
