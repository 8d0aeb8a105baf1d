<?php
declare(strict_types=1);

namespace Keystone_OIDC\Consent;

/**
 * The site a user signs in with, as the consent page and the device verification page name it:
 * its title and site icon. An application's name says who asks; only the site's says which account
 * is asked for, on a browser signed in to several WordPress sites, or facing a look-alike page.
 */
final class Site_Identity {
	/** The icon's size in CSS pixels (shown at twice that for sharp screens). */
	const ICON_SIZE = 32;

	/**
	 * What the apps read as `site` (`src/consent/types.ts`, `SiteIdentity`).
	 *
	 * @return array{name: string, icon: string}
	 */
	public static function current(): array {
		// get_bloginfo() gives the title HTML-escaped; the apps and esc_html() want it plain.
		$name = trim( wp_specialchars_decode( (string) get_bloginfo( 'name' ), ENT_QUOTES ) );
		return array(
			'name' => '' === $name ? (string) wp_parse_url( home_url(), PHP_URL_HOST ) : $name,
			'icon' => (string) get_site_icon_url( 2 * self::ICON_SIZE ),
		);
	}

	/**
	 * The same line for a browser without JavaScript, in the app's words (`SiteIdentity.tsx`).
	 *
	 * @param array{name: string, icon: string} $site
	 */
	public static function html( array $site ): string {
		$icon = '' === $site['icon'] ? '' : sprintf(
			'<img class="keystone-oidc-consent__site-icon" src="%s" alt="" width="%d" height="%d"> ',
			esc_url( $site['icon'] ),
			self::ICON_SIZE,
			self::ICON_SIZE
		);
		/* translators: %s: the site's title. */
		$text = sprintf( __( 'Your account on %s', 'keystone-oidc' ), $site['name'] );
		return '<p class="keystone-oidc-consent__site">' . $icon . '<span>' . esc_html( $text ) . '</span></p>';
	}
}
