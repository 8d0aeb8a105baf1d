<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

/**
 * The little ASN.1 DER that JWK ↔ PEM and ECDSA signature conversion need: definite lengths,
 * unsigned INTEGERs, SEQUENCE, BIT STRING. Not a general parser.
 */
final class Der {
	const TAG_INTEGER    = 0x02;
	const TAG_BIT_STRING = 0x03;
	const TAG_NULL       = 0x05;
	const TAG_SEQUENCE   = 0x30;

	public static function element( int $tag, string $content ): string {
		return chr( $tag ) . self::length( strlen( $content ) ) . $content;
	}

	public static function sequence( string ...$elements ): string {
		return self::element( self::TAG_SEQUENCE, implode( '', $elements ) );
	}

	/**
	 * DER INTEGERs are signed and minimal: strip leading zero bytes, then add one back when the
	 * high bit would otherwise make the number negative.
	 */
	public static function unsigned_integer( string $big_endian ): string {
		$bytes = ltrim( $big_endian, "\x00" );
		if ( '' === $bytes || ord( $bytes[0] ) >= 0x80 ) {
			$bytes = "\x00" . $bytes;
		}
		return self::element( self::TAG_INTEGER, $bytes );
	}

	public static function bit_string( string $bytes ): string {
		return self::element( self::TAG_BIT_STRING, "\x00" . $bytes );
	}

	public static function null_value(): string {
		return self::element( self::TAG_NULL, '' );
	}

	public static function pem( string $der, string $label ): string {
		return '-----BEGIN ' . $label . "-----\n"
			. chunk_split( base64_encode( $der ), 64, "\n" )
			. '-----END ' . $label . "-----\n";
	}

	/**
	 * Reads one element of the expected tag at `$offset` and moves `$offset` past it.
	 *
	 * @return string|null The element's content, or null when the bytes are not that element.
	 */
	public static function read( string $der, int &$offset, int $tag ): ?string {
		$total = strlen( $der );
		if ( $offset + 2 > $total || ord( $der[ $offset ] ) !== $tag ) {
			return null;
		}
		$length = ord( $der[ $offset + 1 ] );
		$cursor = $offset + 2;
		if ( $length >= 0x80 ) {
			$count = $length & 0x7f;
			if ( $count < 1 || $count > 2 || $cursor + $count > $total ) {
				return null;
			}
			$length = 0;
			for ( $i = 0; $i < $count; $i++ ) {
				$length = ( $length << 8 ) | ord( $der[ $cursor + $i ] );
			}
			$cursor += $count;
			if ( $length < 0x80 ) {
				return null;
			}
		}
		if ( $cursor + $length > $total ) {
			return null;
		}
		$offset = $cursor + $length;
		return substr( $der, $cursor, $length );
	}

	private static function length( int $length ): string {
		if ( $length < 0x80 ) {
			return chr( $length );
		}
		$bytes = ltrim( pack( 'N', $length ), "\x00" );
		return chr( 0x80 | strlen( $bytes ) ) . $bytes;
	}
}
