<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Crypto;

use Keystone_OIDC\Crypto\Key_Pair;

/**
 * Signing keys for tests, generated once per kid and process: RSA generation is the slow part of
 * the suite. Loaded by hand (`require_once`), as PHPUnit only loads `*Test.php` files.
 */
final class Test_Keys {
	/** @var array<string, Key_Pair> */
	private static $pairs = array();

	/**
	 * @param string $kid Defaults to `kid-<alg>`.
	 */
	public static function pair( string $alg, string $kid = '' ): Key_Pair {
		$kid = '' === $kid ? 'kid-' . $alg : $kid;
		if ( ! isset( self::$pairs[ $kid ] ) ) {
			self::$pairs[ $kid ] = Key_Pair::generate( $alg, $kid );
		}
		return self::$pairs[ $kid ];
	}

	/**
	 * A data provider's rows: one per algorithm we sign with.
	 *
	 * @return array<string, array{string}>
	 */
	public static function algorithms(): array {
		return array(
			'RS256' => array( 'RS256' ),
			'ES256' => array( 'ES256' ),
		);
	}
}
