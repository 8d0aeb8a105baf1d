<?php
declare(strict_types=1);

namespace Keystone_OIDC\Admin;

use Keystone_OIDC\Keys\Key_Store;

/**
 * Tells administrators when the current signing key no longer decrypts (the site's salts changed),
 * and how to fix it. Until then every token request answers 503: the provider never replaces the
 * key on its own, since on a node with other salts that would swap the key every other node uses.
 */
final class Key_Notice {
	public static function render(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		$unusable = Key_Store::instance()->unusable_algorithms();
		if ( array() === $unusable ) {
			return;
		}
		printf(
			'<div class="notice notice-error keystone-oidc-key-notice"><p><strong>%s</strong></p><p>%s</p><p><a class="button" href="%s">%s</a></p></div>',
			esc_html__( 'Keystone OIDC cannot sign tokens: its current signing key does not decrypt.', 'keystone-oidc' ),
			esc_html(
				sprintf(
					/* translators: %s: the key algorithms, e.g. "RS256, ES256" */
					__( 'The %s private key is encrypted with the site’s AUTH_KEY and AUTH_SALT, which have changed since it was made (a restored or replaced wp-config.php, or a web server with other salts). Sign-ins to applications fail with “temporarily unavailable” until you either restore the previous AUTH_KEY and AUTH_SALT on every web server, or rotate the signing keys. Tokens issued before keep working either way.', 'keystone-oidc' ),
					implode( ', ', $unusable )
				)
			),
			esc_url( admin_url( 'admin.php?page=keystone-oidc-settings' ) ),
			esc_html__( 'Rotate the keys in Settings', 'keystone-oidc' )
		);
	}
}
