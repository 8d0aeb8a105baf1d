<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

/**
 * Checks a client secret against the hash Keystone OIDC 2.x stored for it: `wp_hash_password()`,
 * which is `$wp` + bcrypt of an HMAC-SHA384 pre-hash since WordPress 6.8, a plain
 * `password_hash()` value when a site chose another algorithm, and phpass (`$P$`) before 6.8.
 * Anything else (an MD5 digest, our own SHA-256 form, an empty value) is refused: this is the
 * only way a 2.x hash is ever accepted.
 */
final class Legacy_Secret_Hash {
	/**
	 * WordPress refuses longer passwords before hashing them; no 2.x secret can be longer.
	 */
	const MAX_SECRET_LENGTH = 4096;

	public static function verify( string $secret, string $hash ): bool {
		if ( '' === $secret || strlen( $secret ) > self::MAX_SECRET_LENGTH || strlen( $hash ) < 20 ) {
			return false;
		}
		if ( 0 === strpos( $hash, '$wp$' ) ) {
			$prehashed = base64_encode( hash_hmac( 'sha384', $secret, 'wp-sha384', true ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- WordPress's own pre-hash.
			return password_verify( $prehashed, substr( $hash, 3 ) );
		}
		if ( 0 === strpos( $hash, '$P$' ) ) {
			return self::verify_phpass( $secret, $hash );
		}
		$info = password_get_info( $hash );
		if ( empty( $info['algo'] ) ) {
			return false;
		}
		return password_verify( $secret, $hash );
	}

	/**
	 * Sites that ran 2.x before WordPress 6.8 hold phpass hashes; WordPress ships the checker.
	 */
	private static function verify_phpass( string $secret, string $hash ): bool {
		if ( ! defined( 'ABSPATH' ) || ! defined( 'WPINC' ) ) {
			return false;
		}
		require_once ABSPATH . WPINC . '/class-phpass.php';
		$hasher = new \PasswordHash( 8, true );
		return true === $hasher->CheckPassword( $secret, $hash );
	}
}
