<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

/**
 * OpenSSL speaks ECDSA signatures as DER `SEQUENCE { INTEGER r, INTEGER s }`; JWS (RFC 7518
 * §3.4) carries them as the fixed-width concatenation R || S.
 */
final class Ecdsa_Signature {
	public static function der_to_raw( string $der, int $coordinate_size ): ?string {
		$offset   = 0;
		$sequence = Der::read( $der, $offset, Der::TAG_SEQUENCE );
		if ( null === $sequence || strlen( $der ) !== $offset ) {
			return null;
		}
		$offset = 0;
		$r      = Der::read( $sequence, $offset, Der::TAG_INTEGER );
		$s      = Der::read( $sequence, $offset, Der::TAG_INTEGER );
		if ( null === $r || null === $s || strlen( $sequence ) !== $offset ) {
			return null;
		}
		$r = ltrim( $r, "\x00" );
		$s = ltrim( $s, "\x00" );
		if ( strlen( $r ) > $coordinate_size || strlen( $s ) > $coordinate_size ) {
			return null;
		}
		return str_pad( $r, $coordinate_size, "\x00", STR_PAD_LEFT )
			. str_pad( $s, $coordinate_size, "\x00", STR_PAD_LEFT );
	}

	public static function raw_to_der( string $raw, int $coordinate_size ): ?string {
		if ( strlen( $raw ) !== 2 * $coordinate_size ) {
			return null;
		}
		return Der::sequence(
			Der::unsigned_integer( substr( $raw, 0, $coordinate_size ) ),
			Der::unsigned_integer( substr( $raw, $coordinate_size ) )
		);
	}
}
