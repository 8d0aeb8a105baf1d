<?php
declare(strict_types=1);

namespace Keystone_OIDC\Cli;

use Keystone_OIDC\Container;
use WP_CLI;

/**
 * Runs the hourly cleanup now.
 *
 * It deletes expired codes, expired or long-revoked tokens, and retired signing keys no token can
 * need: the same job WP-Cron runs, in the same bounded batches.
 */
final class Cleanup_Command {
	/** @var Container */
	private $container;

	public function __construct( Container $container ) {
		$this->container = $container;
	}

	/**
	 * Runs the cleanup job now and says how much it removed.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : table: a message; json or yaml: {codes, tokens, keys, device_codes, dynamic_clients, assertion_jtis} removed.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - yaml
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp oidc cleanup
	 *     Success: Removed 12 codes, 240 tokens, 0 signing keys, 3 device codes, 0 idle dynamic clients and 17 client assertion ids.
	 *
	 * @param string[]            $args
	 * @param array<string,mixed> $assoc_args
	 */
	public function __invoke( array $args, array $assoc_args ): void {
		$removed = $this->container->cleanup()->run();
		if ( 'table' !== Console::format( $assoc_args ) ) {
			Console::record( $assoc_args, $removed );
			return;
		}
		WP_CLI::success(
			sprintf(
				'Removed %d codes, %d tokens, %d signing keys, %d device codes, %d idle dynamic clients, %d client assertion ids and %d activity log entries.',
				$removed['codes'],
				$removed['tokens'],
				$removed['keys'],
				$removed['device_codes'],
				$removed['dynamic_clients'],
				$removed['assertion_jtis'],
				$removed['activity']
			)
		);
	}
}
