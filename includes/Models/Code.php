<?php
declare(strict_types=1);

namespace Keystone_OIDC\Models;

/**
 * An authorization code as stored (RFC 6749 §4.1.2): only its hash, and everything the token
 * endpoint checks it against. It is redeemed once (`used_at`); a redeemed code seen again, or one
 * whose session ended, is revoked (`revoked_at`).
 */
final class Code extends Grant_Record {
	/** @var string `Crypto\Secret_Hash` of the code. */
	public $code_hash = '';

	/** @var string */
	public $redirect_uri = '';

	/** @var string|null */
	public $nonce = null;

	/** @var string|null */
	public $code_challenge = null;

	/** @var string|null */
	public $code_challenge_method = null;

	/** @var int Unix time of the user's login (`Tokens\Grant::AUTH_TIME_UNKNOWN` when unknown). */
	public $auth_time = 0;

	/**
	 * Whether it was redeemed or revoked: either way it buys nothing more, and presenting it is a replay.
	 */
	public function is_spent(): bool {
		return null !== $this->used_at || $this->is_revoked();
	}

	/**
	 * Whether the token endpoint may still redeem it.
	 */
	public function is_active( int $now ): bool {
		return ! $this->is_spent() && ! $this->is_expired( $now );
	}

	/**
	 * Whether the authorization request sent a PKCE challenge (RFC 7636 §4.3).
	 */
	public function has_challenge(): bool {
		return null !== $this->code_challenge && '' !== $this->code_challenge;
	}
}
