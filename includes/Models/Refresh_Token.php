<?php
declare(strict_types=1);

namespace Keystone_OIDC\Models;

/**
 * A refresh token as stored: used once and replaced (rotation), so a rotated one presented again
 * means two parties hold the family.
 */
final class Refresh_Token extends Stored_Token {
	public function type(): string {
		return self::TYPE_REFRESH;
	}

	public function is_rotated(): bool {
		return null !== $this->used_at;
	}

	/**
	 * Whether the refresh grant would redeem it (the client's own refresh-token setting aside).
	 */
	public function is_active( int $now ): bool {
		return ! $this->is_revoked() && ! $this->is_rotated() && ! $this->is_expired( $now );
	}

	/**
	 * When the user logged in for the grant; tokens from before it was stored fall back to their
	 * own issue time.
	 */
	public function auth_time(): int {
		return $this->data->auth_time() ?? $this->created_at;
	}
}
