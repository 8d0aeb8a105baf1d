<?php
declare(strict_types=1);

namespace Keystone_OIDC\Health;

use Keystone_OIDC\Config;

/**
 * Whether the issuer is HTTPS. OpenID Connect Discovery 1.0 §3 requires it; relying parties refuse
 * an http issuer outside of test set-ups, and codes and tokens would cross the network readable.
 */
final class Https_Test implements Health_Test {
	const ID = 'keystone_oidc_https';

	public function id(): string {
		return self::ID;
	}

	public function label(): string {
		return __( 'The OpenID Connect issuer uses HTTPS', 'keystone-oidc' );
	}

	public function is_async(): bool {
		return false;
	}

	public function run(): array {
		$issuer = Config::issuer();
		if ( 'https' === strtolower( (string) wp_parse_url( $issuer, PHP_URL_SCHEME ) ) ) {
			return Result::make(
				self::ID,
				Result::GOOD,
				Result::SECURITY,
				__( 'The OpenID Connect issuer uses HTTPS', 'keystone-oidc' ),
				/* translators: %s: the issuer URL */
				Result::paragraphs( sprintf( __( 'The issuer is %s.', 'keystone-oidc' ), $issuer ) )
			);
		}
		$texts = array(
			/* translators: %s: the issuer URL */
			sprintf( __( 'The issuer is %s. OpenID Connect requires an HTTPS issuer: relying parties refuse this one outside of test set-ups, and authorization codes, tokens and passwords cross the network readable by anyone on the way.', 'keystone-oidc' ), $issuer ),
			__( 'Serve the site over HTTPS and change the WordPress Address and Site Address to https.', 'keystone-oidc' ),
		);
		if ( Config::ISSUER_MODE_LEGACY === Config::issuer_mode() ) {
			$texts[] = __( 'This site keeps the issuer of Keystone OIDC 2.x (Settings → Issuer): that address must answer over HTTPS too.', 'keystone-oidc' );
		}
		return Result::make(
			self::ID,
			'production' === wp_get_environment_type() ? Result::CRITICAL : Result::RECOMMENDED,
			Result::SECURITY,
			__( 'The OpenID Connect issuer does not use HTTPS', 'keystone-oidc' ),
			Result::paragraphs( ...$texts ),
			Result::link( admin_url( 'options-general.php' ), __( 'Settings → General', 'keystone-oidc' ) )
		);
	}
}
