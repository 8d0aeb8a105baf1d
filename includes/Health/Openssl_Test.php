<?php
declare(strict_types=1);

namespace Keystone_OIDC\Health;

use Keystone_OIDC\Crypto\Algorithm;

/**
 * Whether PHP's OpenSSL extension can do every JWS algorithm the provider uses: RS256 and ES256
 * to sign its tokens (without them no sign-in works), PS256 to verify client assertions.
 */
final class Openssl_Test implements Health_Test {
	const ID = 'keystone_oidc_openssl';

	/** The algorithms the provider signs with: one missing stops every sign-in. */
	const SIGNING = array( Algorithm::RS256, Algorithm::ES256 );

	public function id(): string {
		return self::ID;
	}

	public function label(): string {
		return __( 'OpenSSL and the signing algorithms', 'keystone-oidc' );
	}

	public function is_async(): bool {
		return false;
	}

	/**
	 * The supported algorithms this OpenSSL cannot do.
	 *
	 * @param string[] $digests  `openssl_get_md_methods()`.
	 * @param string[] $curves   `openssl_get_curve_names()`.
	 * @param bool     $raw_rsa  Whether raw RSA (`OPENSSL_NO_PADDING`) is there, which PS256 needs.
	 * @return string[]
	 */
	public static function unavailable( array $digests, array $curves, bool $raw_rsa ): array {
		$digests = array_map( 'strtolower', $digests );
		$missing = array();
		foreach ( Algorithm::supported() as $alg ) {
			$spec = (array) Algorithm::spec( $alg );
			$ok   = in_array( $spec['digest'], $digests, true )
				&& ( ! isset( $spec['openssl_curve'] ) || in_array( $spec['openssl_curve'], $curves, true ) )
				&& ( ! isset( $spec['pss'] ) || $raw_rsa );
			if ( ! $ok ) {
				$missing[] = $alg;
			}
		}
		return $missing;
	}

	public function run(): array {
		if ( ! extension_loaded( 'openssl' ) ) {
			return Result::make(
				self::ID,
				Result::CRITICAL,
				Result::SECURITY,
				__( 'PHP’s OpenSSL extension is missing', 'keystone-oidc' ),
				Result::paragraphs( __( 'Keystone OIDC signs every ID token and access token with OpenSSL. Without the extension no key can be made and every sign-in through OpenID Connect fails. Ask your host to enable the openssl extension of PHP.', 'keystone-oidc' ) )
			);
		}
		$curves  = function_exists( 'openssl_get_curve_names' ) ? openssl_get_curve_names() : array();
		$missing = self::unavailable( openssl_get_md_methods(), is_array( $curves ) ? $curves : array(), defined( 'OPENSSL_NO_PADDING' ) );
		/* translators: %s: the OpenSSL version, e.g. "OpenSSL 3.0.15 3 Sep 2024" */
		$version = sprintf( __( 'PHP uses %s.', 'keystone-oidc' ), OPENSSL_VERSION_TEXT );
		if ( array() === $missing ) {
			return Result::make(
				self::ID,
				Result::GOOD,
				Result::SECURITY,
				__( 'OpenSSL supports every signing algorithm', 'keystone-oidc' ),
				Result::paragraphs(
					$version,
					/* translators: %s: algorithm names */
					sprintf( __( 'Available: %s.', 'keystone-oidc' ), implode( ', ', Algorithm::supported() ) )
				)
			);
		}
		$signing = array_values( array_intersect( $missing, self::SIGNING ) );
		return Result::make(
			self::ID,
			array() === $signing ? Result::RECOMMENDED : Result::CRITICAL,
			Result::SECURITY,
			/* translators: %s: algorithm names */
			sprintf( __( 'OpenSSL cannot do %s', 'keystone-oidc' ), implode( ', ', $missing ) ),
			Result::paragraphs(
				$version,
				array() === $signing
					? __( 'The provider signs its tokens, but clients that sign their assertions with this algorithm (private_key_jwt) cannot authenticate.', 'keystone-oidc' )
					: __( 'The provider signs its tokens with RS256 and ES256: without them sign-ins through OpenID Connect fail.', 'keystone-oidc' ),
				__( 'Ask your host for a PHP built with a current OpenSSL (1.1.1 or later).', 'keystone-oidc' )
			)
		);
	}
}
