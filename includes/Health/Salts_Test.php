<?php
declare(strict_types=1);

namespace Keystone_OIDC\Health;

/**
 * Whether AUTH_KEY and AUTH_SALT are set in wp-config.php. The signing keys' private halves are
 * encrypted with a key derived from them (`Keys\Key_Store`); where they are missing WordPress makes
 * its own and stores them in the options table, beside the encrypted keys, so a copy of the
 * database alone then holds everything needed to decrypt them.
 */
final class Salts_Test implements Health_Test {
	const ID = 'keystone_oidc_salts';

	const CONSTANTS = array( 'AUTH_KEY', 'AUTH_SALT' );

	/** wp-config-sample.php's placeholder, which WordPress treats as missing. */
	const PLACEHOLDER = 'put your unique phrase here';

	public function id(): string {
		return self::ID;
	}

	public function label(): string {
		return __( 'Authentication salts defined in wp-config.php', 'keystone-oidc' );
	}

	public function is_async(): bool {
		return false;
	}

	/**
	 * The constants not usable as set (undefined, empty or the placeholder).
	 *
	 * @param array<string,mixed> $values Constant name => its value, null when undefined.
	 * @return string[]
	 */
	public static function missing( array $values ): array {
		$missing = array();
		foreach ( self::CONSTANTS as $name ) {
			$value = $values[ $name ] ?? null;
			if ( ! is_string( $value ) || '' === $value || self::PLACEHOLDER === $value ) {
				$missing[] = $name;
			}
		}
		return $missing;
	}

	/**
	 * The constants as this site has them: name => value, null when undefined.
	 *
	 * @return array<string,mixed>
	 */
	public static function site_values(): array {
		$values = array();
		foreach ( self::CONSTANTS as $name ) {
			$values[ $name ] = defined( $name ) ? constant( $name ) : null;
		}
		return $values;
	}

	public function run(): array {
		$missing = self::missing( self::site_values() );
		if ( array() === $missing ) {
			return Result::make(
				self::ID,
				Result::GOOD,
				Result::SECURITY,
				__( 'The authentication salts are defined in wp-config.php', 'keystone-oidc' ),
				Result::paragraphs( __( 'The signing keys are encrypted with a key derived from AUTH_KEY and AUTH_SALT, which live in wp-config.php, apart from the database that holds the encrypted keys.', 'keystone-oidc' ) )
			);
		}
		return Result::make(
			self::ID,
			Result::RECOMMENDED,
			Result::SECURITY,
			__( 'The authentication salts are not defined in wp-config.php', 'keystone-oidc' ),
			Result::paragraphs(
				/* translators: %s: constant names, e.g. "AUTH_KEY, AUTH_SALT" */
				sprintf( __( '%s is not set in wp-config.php, so WordPress made its own value and stored it in the database.', 'keystone-oidc' ), implode( ', ', $missing ) ),
				__( 'The private signing keys are encrypted with a key derived from these salts. With the salts in the database, the encrypted keys depend on values stored in the same database: anyone holding a copy of it (a backup, a leaked dump) can decrypt the keys and sign tokens as this site.', 'keystone-oidc' ),
				__( 'Define AUTH_KEY and AUTH_SALT (all eight keys and salts, ideally) in wp-config.php with long random values. The current signing keys were encrypted with the old values: rotate the keys afterwards (tokens already issued stay valid).', 'keystone-oidc' )
			),
			Result::link( 'https://api.wordpress.org/secret-key/1.1/salt/', __( 'Generate fresh keys and salts', 'keystone-oidc' ) )
		);
	}
}
