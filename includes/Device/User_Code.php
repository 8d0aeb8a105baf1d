<?php
declare(strict_types=1);

namespace Keystone_OIDC\Device;

use Keystone_OIDC\Crypto\Secret_Hash;

/**
 * The code a person types on the verification page (RFC 8628 §6.1): eight letters from an
 * alphabet of consonants only: no vowels (so no words) and no digits (so no 0/O or 1/I mix-up),
 * shown as `XXXX-XXXX`, accepted in any case with
 * or without the dash and spaces. 20^8 ≈ 2^34.5 codes: enough because a code lives minutes and
 * every user may enter only a few wrong ones (`Guess_Limit`).
 */
final class User_Code {
	const ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
	const LENGTH   = 8;

	/**
	 * A new code, normalised (no dash).
	 *
	 * @param callable(int,int):int $random_int Uniform integer in [min, max]; `random_int` unless a test fixes it.
	 */
	public static function generate( ?callable $random_int = null ): string {
		$random_int = $random_int ?? 'random_int';
		$last       = strlen( self::ALPHABET ) - 1;
		$code       = '';
		for ( $i = 0; $i < self::LENGTH; $i++ ) {
			$code .= self::ALPHABET[ $random_int( 0, $last ) ];
		}
		return $code;
	}

	/**
	 * What the person typed as a code, or null when it cannot be one: case, dashes and white space
	 * do not matter.
	 */
	public static function normalise( string $typed ): ?string {
		$code = strtoupper( (string) preg_replace( '/[\s\-]+/u', '', $typed ) );
		if ( self::LENGTH !== strlen( $code ) || strspn( $code, self::ALPHABET ) !== self::LENGTH ) {
			return null;
		}
		return $code;
	}

	/**
	 * `BCDF-GHJK`: two groups are easier to read out and to type.
	 */
	public static function display( string $code ): string {
		return substr( $code, 0, 4 ) . '-' . substr( $code, 4 );
	}

	/**
	 * How a normalised code is stored and found: like every other secret, only as its hash. A code
	 * this short could be recovered from its hash, but only for the minutes it lives, and knowing it
	 * lets nobody approve anything: that takes the signed-in user typing it.
	 */
	public static function hash( string $code ): string {
		return Secret_Hash::hash( $code );
	}
}
