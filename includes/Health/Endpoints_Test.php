<?php
declare(strict_types=1);

namespace Keystone_OIDC\Health;

use Keystone_OIDC\Admin\Permalink_Notice;
use Keystone_OIDC\Endpoints\Router;

/**
 * Whether relying parties reach the endpoints: the discovery document asked over loopback (async,
 * so the Site Health screen does not wait on it), then the permalink setting and the stored rewrite
 * rules, which decide whether the endpoints keep answering once the server's routing changes.
 */
final class Endpoints_Test implements Health_Test {
	const ID = 'keystone_oidc_endpoints';

	/** @var Endpoint_Probe */
	private $probe;

	public function __construct( Endpoint_Probe $probe ) {
		$this->probe = $probe;
	}

	public function id(): string {
		return self::ID;
	}

	public function label(): string {
		return __( 'OpenID Connect endpoints answer', 'keystone-oidc' );
	}

	public function is_async(): bool {
		return true;
	}

	public function run(): array {
		$probe      = $this->probe->ask( Router::url( 'discovery' ) );
		$permalinks = Result::link( admin_url( 'options-permalink.php' ), __( 'Settings → Permalinks', 'keystone-oidc' ) );
		if ( ! $probe['ok'] ) {
			ob_start();
			Permalink_Notice::fix();
			$fix = (string) ob_get_clean();
			return Result::make(
				self::ID,
				Result::CRITICAL,
				Result::SECURITY,
				__( 'Relying parties cannot reach the OpenID Connect endpoints', 'keystone-oidc' ),
				sprintf(
					/* translators: 1: the discovery URL, 2: what went wrong */
					'<p>' . esc_html__( 'A request to %1$s from this server found that %2$s. Every sign-in through OpenID Connect fails until the discovery document answers.', 'keystone-oidc' ) . '</p>',
					'<code>' . esc_html( $probe['url'] ) . '</code>',
					esc_html( Endpoint_Probe::failure( $probe ) )
				) . $fix,
				$permalinks
			);
		}
		if ( '' === (string) get_option( 'permalink_structure' ) ) {
			return Result::make(
				self::ID,
				Result::RECOMMENDED,
				Result::PERFORMANCE,
				__( 'Pretty permalinks are off', 'keystone-oidc' ),
				Result::paragraphs(
					__( 'The OpenID Connect endpoints answer today because this web server hands every path to WordPress. With plain permalinks WordPress keeps no rewrite rules for them (on Apache no .htaccess is written), so a move to another server or a change of its configuration makes the endpoints answer 404 and every sign-in fail.', 'keystone-oidc' ),
					__( 'Choose any permalink structure other than “Plain”.', 'keystone-oidc' )
				),
				$permalinks
			);
		}
		if ( ! Router::rules_stored() ) {
			return Result::make(
				self::ID,
				Result::RECOMMENDED,
				Result::PERFORMANCE,
				__( 'The rewrite rules lack some OpenID Connect endpoints', 'keystone-oidc' ),
				Result::paragraphs( __( 'The rewrite rules WordPress stored were made before this version of Keystone OIDC added endpoints. Saving the permalink settings (without changing them) writes them again.', 'keystone-oidc' ) ),
				$permalinks
			);
		}
		return Result::make(
			self::ID,
			Result::GOOD,
			Result::PERFORMANCE,
			__( 'The OpenID Connect endpoints answer', 'keystone-oidc' ),
			sprintf(
				/* translators: %s: the discovery URL */
				'<p>' . esc_html__( 'The discovery document answered at %s, and pretty permalinks keep the endpoints’ rewrite rules.', 'keystone-oidc' ) . '</p>',
				'<code>' . esc_html( $probe['url'] ) . '</code>'
			)
		);
	}
}
