<?php
declare(strict_types=1);

namespace Keystone_OIDC\Admin;

use Keystone_OIDC\Keys\Key_Provisioning;

/**
 * Tells the admin that no signing key could be made, and why: until one exists, relying parties
 * get `temporarily_unavailable` from the token endpoint, and the admin is the one who can act.
 */
final class Key_Notice {
	public static function render(): void {
		$failure = Key_Provisioning::failure();
		if ( false === $failure || ! current_user_can( 'manage_options' ) ) {
			return;
		}
		printf(
			'<div class="notice notice-error" id="keystone-oidc-key-notice"><p><strong>%s</strong> %s</p><p><code>%s</code></p></div>',
			esc_html__( 'Keystone OIDC could not create its signing keys.', 'keystone-oidc' ),
			esc_html__( 'Sign-ins through OpenID Connect fail until it can (the token endpoint answers “temporarily unavailable”). It tries again on every admin page; the OpenSSL extension of PHP said:', 'keystone-oidc' ),
			esc_html( $failure )
		);
	}
}
