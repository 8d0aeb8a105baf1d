<?php
declare(strict_types=1);

namespace Keystone_OIDC;

/**
 * Maps `Keystone_OIDC\Folder\Class_Name` to `includes/Folder/Class_Name.php`.
 */
final class Autoloader {
	const PREFIX = 'Keystone_OIDC\\';

	public static function register( string $base_dir ): void {
		spl_autoload_register(
			static function ( string $class ) use ( $base_dir ) {
				if ( 0 !== strpos( $class, self::PREFIX ) ) {
					return;
				}
				$relative = str_replace( '\\', '/', substr( $class, strlen( self::PREFIX ) ) );
				$file     = $base_dir . '/' . $relative . '.php';
				if ( is_file( $file ) ) {
					require $file;
				}
			}
		);
	}
}
