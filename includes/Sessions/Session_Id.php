<?php
declare(strict_types=1);

namespace Keystone_OIDC\Sessions;

use Keystone_OIDC\Crypto\Base64Url;

/**
 * The `sid` of a WordPress login session (OIDC Front-/Back-Channel Logout §3): stable for the
 * session's life, and not the session token itself, which would let whoever reads an ID token
 * ride the session. It is an HMAC, keyed from the site's salts, of the session's verifier (the
 * SHA-256 of its token, which is what WordPress keys its stored sessions by), so a session that
 * WordPress destroys without our help can still be named from its stored verifier alone.
 */
final class Session_Id {
	/**
	 * Mixed into the salt so the key serves this purpose only.
	 */
	const CONTEXT = 'keystone-oidc|session-id|v1';

	/**
	 * The sid of the session the current request is signed in with, or null without one.
	 */
	public static function current(): ?string {
		$token = wp_get_session_token();
		return '' === $token ? null : self::of_token( $token );
	}

	public static function of_token( string $token ): string {
		// The hash WP_Session_Tokens keeps sessions under (its hash_token() method is private).
		return self::of_verifier( hash( 'sha256', $token ) );
	}

	public static function of_verifier( string $verifier ): string {
		return Base64Url::encode( hash_hmac( 'sha256', $verifier, self::key(), true ) );
	}

	private static function key(): string {
		return hash_hmac( 'sha256', self::CONTEXT, wp_salt( 'auth' ), true );
	}
}
