<?php
declare(strict_types=1);

namespace Keystone_OIDC\Admin;

use Keystone_OIDC\Config;
use Keystone_OIDC\Endpoints\Router;
use Keystone_OIDC\Rules\Scope_Descriptions;
use Keystone_OIDC\Rules\Shared_Rules;

/**
 * Loads a built React app: its dependencies and version come from the `*.asset.php` file that
 * `@wordpress/scripts` writes next to it; the configuration reaches it once, as `window.keystoneOidc`.
 */
final class Assets {
	public static function enqueue_admin( string $entry ): void {
		if ( ! self::register( $entry ) ) {
			return;
		}
		wp_enqueue_style( 'wp-components' );
		wp_add_inline_script( 'keystone-oidc-' . $entry, 'window.keystoneOidc = ' . wp_json_encode( self::admin_config() ) . ';', 'before' );
		wp_enqueue_script( 'keystone-oidc-' . $entry );
	}

	/**
	 * Registers `build/<entry>.js` (and its CSS when there is one). False when the build is missing.
	 */
	public static function register( string $entry ): bool {
		$asset_file = KEYSTONE_OIDC_DIR . '/build/' . $entry . '.asset.php';
		if ( ! is_file( $asset_file ) ) {
			return false;
		}
		$asset  = require $asset_file;
		$handle = 'keystone-oidc-' . $entry;
		wp_register_script( $handle, plugins_url( 'build/' . $entry . '.js', KEYSTONE_OIDC_FILE ), $asset['dependencies'], $asset['version'], true );
		wp_set_script_translations( $handle, 'keystone-oidc', KEYSTONE_OIDC_DIR . '/languages' );
		if ( is_file( KEYSTONE_OIDC_DIR . '/build/' . $entry . '.css' ) ) {
			// The consent page stands alone and styles itself; only admin screens build on wp-components.
			$style_deps = 'consent' === $entry ? array() : array( 'wp-components' );
			wp_enqueue_style( $handle, plugins_url( 'build/' . $entry . '.css', KEYSTONE_OIDC_FILE ), $style_deps, $asset['version'] );
		}
		return true;
	}

	/**
	 * @return array<string,mixed>
	 */
	public static function admin_config(): array {
		return array(
			'restNamespace'        => 'keystone-oidc/v1',
			'version'              => KEYSTONE_OIDC_VERSION,
			'issuer'               => Config::issuer(),
			'discoveryUrl'         => Router::url( 'discovery' ),
			'adminUrl'             => admin_url( 'admin.php' ),
			'permalinkSettingsUrl' => admin_url( 'options-permalink.php' ),
			'prettyPermalinks'     => '' !== (string) get_option( 'permalink_structure' ),
			'scopes'               => Config::supported_scopes(),
			'scopeDescriptions'    => Scope_Descriptions::supported(),
			'roles'                => self::roles(),
			'defaultAllowedRoles'  => \Keystone_OIDC\Settings\Default_Roles_Settings::roles(),
			'rules'                => Shared_Rules::for_screens(),
			'network'              => \Keystone_OIDC\Container::site()->network_privileges()->screen_config(),
		);
	}

	/**
	 * Roles a client may be restricted to, with their translated names.
	 *
	 * @return array<int,array{slug:string,name:string}>
	 */
	private static function roles(): array {
		$roles = array();
		foreach ( wp_roles()->get_names() as $slug => $name ) {
			$roles[] = array(
				'slug' => (string) $slug,
				'name' => translate_user_role( $name ),
			);
		}
		return $roles;
	}
}
