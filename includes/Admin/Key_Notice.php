<?php
declare(strict_types=1);

namespace Keystone_OIDC\Admin;

use Keystone_OIDC\Container;
use Keystone_OIDC\Keys\Key_Provisioning;

/**
 * Tells administrators when the provider cannot sign, and what to do: until it can, relying
 * parties get `temporarily_unavailable` from the token endpoint, and only the admin can act.
 * Two causes: no key could be made yet (OpenSSL refused; retried on every admin page), or the
 * current key no longer decrypts (the site's salts changed). The provider never replaces an
 * undecryptable key on its own, since on a node with other salts that would swap the key every
 * other node uses.
 */
final class Key_Notice {
	public static function render(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		$failure = Key_Provisioning::failure();
		if ( false !== $failure ) {
			self::render_not_created( $failure );
			return;
		}
		$unusable = Container::site()->key_store()->unusable_algorithms();
		if ( array() !== $unusable ) {
			self::render_undecryptable( $unusable );
		}
	}

	private static function render_not_created( string $failure ): void {
		printf(
			'<div class="notice notice-error keystone-oidc-key-notice" id="keystone-oidc-key-notice"><p><strong>%s</strong> %s</p><p><code>%s</code></p></div>',
			esc_html( self::not_created_title() ),
			esc_html( self::not_created_explanation() ),
			esc_html( $failure )
		);
	}

	/**
	 * @param string[] $unusable The algorithms whose current key does not decrypt.
	 */
	private static function render_undecryptable( array $unusable ): void {
		printf(
			'<div class="notice notice-error keystone-oidc-key-notice"><p><strong>%s</strong></p><p>%s</p><p><a class="button" href="%s">%s</a></p></div>',
			esc_html( self::undecryptable_title() ),
			esc_html( self::undecryptable_explanation( $unusable ) ),
			esc_url( self::settings_url() ),
			esc_html( self::rotate_label() )
		);
	}

	/*
	 * The wording below is shared with the Site Health test (Site_Health_Keys), so the notice and
	 * Tools → Site Health name the same cause and the same fix.
	 */

	public static function not_created_title(): string {
		return __( 'Keystone OIDC could not create its signing keys.', 'keystone-oidc' );
	}

	public static function not_created_explanation(): string {
		return __( 'Sign-ins through OpenID Connect fail until it can (the token endpoint answers “temporarily unavailable”). It tries again on every admin page; the OpenSSL extension of PHP said:', 'keystone-oidc' );
	}

	public static function undecryptable_title(): string {
		return __( 'Keystone OIDC cannot sign tokens: its current signing key does not decrypt.', 'keystone-oidc' );
	}

	/**
	 * @param string[] $unusable The algorithms whose current key does not decrypt.
	 */
	public static function undecryptable_explanation( array $unusable ): string {
		return sprintf(
			/* translators: %s: the key algorithms, e.g. "RS256, ES256" */
			__( 'The %s private key is encrypted with the site’s AUTH_KEY and AUTH_SALT, which have changed since it was made (a restored or replaced wp-config.php, or a web server with other salts). Sign-ins to applications fail with “temporarily unavailable” until you either restore the previous AUTH_KEY and AUTH_SALT on every web server, or rotate the signing keys. Tokens issued before keep working either way.', 'keystone-oidc' ),
			implode( ', ', $unusable )
		);
	}

	public static function settings_url(): string {
		return admin_url( 'admin.php?page=keystone-oidc-settings' );
	}

	public static function rotate_label(): string {
		return __( 'Rotate the keys in Settings', 'keystone-oidc' );
	}
}
