<?php
declare(strict_types=1);

namespace Keystone_OIDC\Admin;

use Keystone_OIDC\Container;
use Keystone_OIDC\Keys\Key_Provisioning;

/**
 * A Site Health test for the signing keys: the admin notice disappears once dismissed from view
 * or on screens that hide notices, while Tools → Site Health is where an administrator (or a host)
 * looks for what is broken. Critical when the provider cannot sign, since every sign-in through
 * OpenID Connect then fails. A direct test, registered in the admin only: it reads one option the
 * notice reads anyway and costs nothing on page views.
 */
final class Site_Health_Keys {
	const TEST = 'keystone_oidc_signing_keys';

	/**
	 * @param array<string,mixed> $tests
	 * @return array<string,mixed>
	 */
	public static function register( $tests ): array {
		$tests = is_array( $tests ) ? $tests : array();
		if ( ! isset( $tests['direct'] ) || ! is_array( $tests['direct'] ) ) {
			$tests['direct'] = array();
		}
		$tests['direct'][ self::TEST ] = array(
			'label' => __( 'OpenID Connect signing keys', 'keystone-oidc' ),
			'test'  => array( self::class, 'run' ),
		);
		return $tests;
	}

	/**
	 * @return array<string,mixed> A Site Health test result.
	 */
	public static function run(): array {
		$failure = Key_Provisioning::failure();
		if ( false !== $failure ) {
			return self::result(
				'critical',
				Key_Notice::not_created_title(),
				sprintf(
					'<p>%s</p><p><code>%s</code></p>',
					esc_html( Key_Notice::not_created_explanation() ),
					esc_html( $failure )
				),
				''
			);
		}
		$unusable = Container::site()->key_store()->unusable_algorithms();
		if ( array() !== $unusable ) {
			return self::result(
				'critical',
				Key_Notice::undecryptable_title(),
				sprintf( '<p>%s</p>', esc_html( Key_Notice::undecryptable_explanation( $unusable ) ) ),
				sprintf(
					'<p><a href="%s">%s</a></p>',
					esc_url( Key_Notice::settings_url() ),
					esc_html( Key_Notice::rotate_label() )
				)
			);
		}
		return self::result(
			'good',
			__( 'Keystone OIDC can sign tokens', 'keystone-oidc' ),
			sprintf(
				'<p>%s</p>',
				esc_html__( 'The current signing keys exist and decrypt with the site’s salts.', 'keystone-oidc' )
			),
			''
		);
	}

	/**
	 * @return array<string,mixed>
	 */
	private static function result( string $status, string $label, string $description, string $actions ): array {
		return array(
			'label'       => $label,
			'status'      => $status,
			'badge'       => array(
				'label' => __( 'Security', 'keystone-oidc' ),
				'color' => 'red',
			),
			'description' => $description,
			'actions'     => $actions,
			'test'        => self::TEST,
		);
	}
}
