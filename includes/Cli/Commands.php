<?php
declare(strict_types=1);

namespace Keystone_OIDC\Cli;

use Keystone_OIDC\Container;
use WP_CLI;

/**
 * Registers `wp oidc …` with WP-CLI. Hooked on `cli_init`, which fires only inside WP-CLI: a web
 * request never loads these classes.
 */
final class Commands {
	public static function register(): void {
		foreach ( Container::site()->cli_commands() as $name => $command ) {
			WP_CLI::add_command( $name, $command );
		}
	}
}
