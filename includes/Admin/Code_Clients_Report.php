<?php
declare(strict_types=1);

namespace Keystone_OIDC\Admin;

use Keystone_OIDC\Container;
use Keystone_OIDC\Storage\Client_Repository;

/**
 * Tells the admin what went wrong with the clients declared in code: definitions left out and
 * stored clients a code client shadows. An admin notice on the plugin's own screens, where clients
 * are managed, and a Site Health test, where a host or an operator looks for what is broken.
 * Registered in the admin only, so page views never read the definitions.
 */
final class Code_Clients_Report {
	const TEST = 'keystone_oidc_code_clients';

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
		echo self::list_html( $problems ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped in list_html().
		echo '</div>';
	}

	/**
	 * @param array<string,mixed> $tests
	 * @return array<string,mixed>
	 */
	public static function register_test( $tests ): array {
		$tests = is_array( $tests ) ? $tests : array();
		if ( ! isset( $tests['direct'] ) || ! is_array( $tests['direct'] ) ) {
			$tests['direct'] = array();
		}
		$tests['direct'][ self::TEST ] = array(
			'label' => __( 'OpenID Connect clients defined in code', 'keystone-oidc' ),
			'test'  => array( self::class, 'run_test' ),
		);
		return $tests;
	}

	/**
	 * @return array<string,mixed> A Site Health test result.
	 */
	public static function run_test(): array {
		$problems = self::problems();
		$result   = array(
			'label'       => __( 'The OpenID Connect clients defined in code are valid', 'keystone-oidc' ),
			'status'      => 'good',
			'badge'       => array(
				'label' => __( 'Security', 'keystone-oidc' ),
				'color' => 'blue',
			),
			'description' => sprintf( '<p>%s</p>', esc_html__( 'Every client declared in KEYSTONE_OIDC_CLIENTS or by the keystone_oidc_clients filter passed the same checks as clients added in the admin.', 'keystone-oidc' ) ),
			'actions'     => '',
			'test'        => self::TEST,
		);
		if ( array() === $problems ) {
			return $result;
		}
		$result['status']      = 'recommended';
		$result['label']       = __( 'Some OpenID Connect clients defined in code cannot be used', 'keystone-oidc' );
		$result['description'] = sprintf( '<p>%s</p>%s', esc_html__( 'Relying parties using these clients cannot sign in. Fix the definitions in wp-config.php (KEYSTONE_OIDC_CLIENTS) or in the keystone_oidc_clients filter:', 'keystone-oidc' ), self::list_html( $problems ) );
		return $result;
	}

	/**
	 * @param string[] $problems
	 */
	private static function list_html( array $problems ): string {
		$items = '';
		foreach ( $problems as $problem ) {
			$items .= '<li>' . esc_html( $problem ) . '</li>';
		}
		return '<ul class="ul-disc">' . $items . '</ul>';
	}

	private static function on_plugin_screen(): bool {
		// Only decides where the notice shows; nothing is changed.
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended
		$page = isset( $_GET['page'] ) ? sanitize_key( (string) wp_unslash( $_GET['page'] ) ) : '';
		return isset( Menu::pages()[ $page ] );
	}
}
