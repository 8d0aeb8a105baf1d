<?php
declare(strict_types=1);

namespace Keystone_OIDC\Checks;

/**
 * The rules an administrator's claim mapping must pass: which names a mapped claim may take and
 * which user meta keys it may read. Pure, so every rule is unit-tested; each check answers null
 * when the value passes, or a problem code that `Tokens\Claim_Map` turns into a message.
 *
 * The claims screen checks the same rules as the admin types: it receives the constants below
 * through `Rules\Shared_Rules` and answers with the same codes (`tests/shared/rule-cases.json`).
 */
final class Mapped_Claim {
	const NAME_MAX_LENGTH = 64;

	/** PCRE and JavaScript read it alike (no flags; PCRE adds `D` so `$` is the very end). */
	const NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_.:-]{0,' . ( self::NAME_MAX_LENGTH - 1 ) . '}$';

	/**
	 * Claims that say what a token is, who issued it and for whom. A mapping that set one could
	 * forge a token's meaning; `email_verified` is here too because only the provider may vouch
	 * that an address was verified, never a meta value a user might be able to change.
	 */
	const RESERVED = array( 'sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'auth_time', 'nonce', 'azp', 'at_hash', 'c_hash', 'sid', 'jti', 'scope', 'client_id', 'acr', 'amr', 'cnf', 'email_verified' );

	/**
	 * Meta keys that hold credentials under core's names; the word rule below catches them too,
	 * they are named so the intent survives a change of that rule.
	 */
	const CREDENTIAL_KEYS = array( 'user_pass', 'session_tokens', 'user_activation_key' );

	/**
	 * A mapping copies a meta value into tokens that leave the site and are kept by other
	 * software, so it must never leak credentials: keys naming a password, token, secret or key
	 * (application passwords, sessions, API keys of other plugins, two-factor secrets) are
	 * refused, even though some harmless keys ("monkey_name") are refused with them.
	 */
	const CREDENTIAL_WORDS = array( 'pass', 'token', 'secret', 'key' );

	const META_KEY_MAX = 255;

	/** Printable ASCII: what a meta key can be typed as and shown back. */
	const META_KEY_PATTERN = '^[\x21-\x7E]+$';

	const PROBLEM_NAME_REQUIRED     = 'claim_required';
	const PROBLEM_NAME_PATTERN      = 'claim_pattern';
	const PROBLEM_NAME_RESERVED     = 'claim_reserved';
	const PROBLEM_META_KEY_REQUIRED = 'meta_key_required';
	const PROBLEM_META_KEY_SHAPE    = 'meta_key_shape';
	const PROBLEM_META_PROTECTED    = 'meta_key_protected';
	const PROBLEM_META_CREDENTIAL   = 'meta_key_credential';

	public static function name_problem( string $name ): ?string {
		if ( '' === $name ) {
			return self::PROBLEM_NAME_REQUIRED;
		}
		if ( 1 !== preg_match( '/' . self::NAME_PATTERN . '/D', $name ) ) {
			return self::PROBLEM_NAME_PATTERN;
		}
		if ( in_array( strtolower( $name ), self::RESERVED, true ) ) {
			return self::PROBLEM_NAME_RESERVED;
		}
		return null;
	}

	public static function meta_key_problem( string $meta_key ): ?string {
		if ( '' === $meta_key ) {
			return self::PROBLEM_META_KEY_REQUIRED;
		}
		if ( strlen( $meta_key ) > self::META_KEY_MAX || 1 !== preg_match( '/' . self::META_KEY_PATTERN . '/D', $meta_key ) ) {
			return self::PROBLEM_META_KEY_SHAPE;
		}
		// WordPress treats `_`-prefixed meta as protected: plugins keep their internal state there.
		if ( '_' === $meta_key[0] ) {
			return self::PROBLEM_META_PROTECTED;
		}
		$lower = strtolower( $meta_key );
		if ( in_array( $lower, self::CREDENTIAL_KEYS, true ) ) {
			return self::PROBLEM_META_CREDENTIAL;
		}
		foreach ( self::CREDENTIAL_WORDS as $word ) {
			if ( false !== strpos( $lower, $word ) ) {
				return self::PROBLEM_META_CREDENTIAL;
			}
		}
		return null;
	}
}
