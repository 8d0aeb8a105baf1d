<?php
declare(strict_types=1);

namespace Keystone_OIDC\Admin;

/**
 * The endpoints live on pretty URLs; with plain permalinks they cannot be reached, so the admin is
 * told where to switch them on.
 */
final class Permalink_Notice {
	public static function render(): void {
		if ( '' !== (string) get_option( 'permalink_structure' ) || ! current_user_can( 'manage_options' ) ) {
			return;
		}
		printf(
			'<div class="notice notice-warning"><p>%s <a href="%s">%s</a></p></div>',
			esc_html__( 'Keystone OIDC needs pretty permalinks: its OpenID Connect endpoints cannot be reached while permalinks are set to “Plain”.', 'keystone-oidc' ),
			esc_url( admin_url( 'options-permalink.php' ) ),
			esc_html__( 'Open Settings → Permalinks', 'keystone-oidc' )
		);
	}
}
