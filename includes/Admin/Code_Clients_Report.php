<?php
declare(strict_types=1);

namespace Keystone_OIDC\Admin;

use Keystone_OIDC\Container;
use Keystone_OIDC\Health\Result;
use Keystone_OIDC\Storage\Client_Repository;

/**
 * Tells the admin what went wrong with the clients declared in code: definitions left out and
 * stored clients a code client shadows. An admin notice on the plugin's own screens, where clients
 * are managed; Site Health reports the same list (`Health\Code_Clients_Test`). Registered in the
 * admin only, so page views never read the definitions.
 */
final class Code_Clients_Report {
	/**
	 * Each problem as one sentence.
	 *
	 * @return string[]
	 */
	public static function problems(): array {
		$code     = Container::site()->code_clients();
		$problems = $code->problems();
		$ids      = array_map(
			static function ( $client ): string {
				return $client->client_id;
			},
			$code->all()
		);
		foreach ( Client_Repository::stored_ids_among( $ids ) as $client_id ) {
			$problems[] = sprintf(
				/* translators: %s: the client_id */
				__( 'The client %s is defined in code and also stored in the database: the definition in code is used, the stored client is ignored until the definition is removed.', 'keystone-oidc' ),
				$client_id
			);
		}
		return $problems;
	}

	public static function render_notice(): void {
		if ( ! current_user_can( Menu::CAPABILITY ) || ! self::on_plugin_screen() ) {
			return;
		}
		$problems = self::problems();
		if ( array() === $problems ) {
			return;
		}
		echo '<div class="notice notice-warning keystone-oidc-code-clients-notice"><p><strong>';
		echo esc_html__( 'Keystone OIDC: some clients defined in code cannot be used.', 'keystone-oidc' );
		echo '</strong></p>';
		echo Result::items( $problems ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped in Result::items().
		echo '</div>';
	}

	private static function on_plugin_screen(): bool {
		// Only decides where the notice shows; nothing is changed.
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended
		$page = isset( $_GET['page'] ) ? sanitize_key( (string) wp_unslash( $_GET['page'] ) ) : '';
		return isset( Menu::pages()[ $page ] );
	}
}
