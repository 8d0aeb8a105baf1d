<?php
declare(strict_types=1);

namespace Keystone_OIDC\Http;

/**
 * The page of OAuth 2.0 Form Post Response Mode: a form of hidden fields that posts the response to
 * the proven redirect URI. A script file of its own submits it, so the page allows no inline
 * script; without JavaScript the visible button does the same. Its Content-Security-Policy lets
 * nothing else load and the form go to that redirect URI only.
 */
final class Form_Post {
	const FORM_ID = 'keystone-oidc-form-post';
	const SCRIPT  = 'assets/form-post.js';

	/**
	 * @param array<string,string|null> $params Null values are left out.
	 */
	public static function render( string $redirect_uri, array $params ): string {
		$fields = '';
		foreach ( $params as $name => $value ) {
			if ( null !== $value ) {
				$fields .= '<input type="hidden" name="' . self::attribute( (string) $name ) . '" value="' . self::attribute( $value ) . '">';
			}
		}
		$title = __( 'Returning to the application', 'keystone-oidc' );
		return '<!DOCTYPE html><html lang="' . esc_attr( get_bloginfo( 'language' ) ) . '"><head><meta charset="utf-8">'
			. '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">'
			. '<title>' . esc_html( $title ) . '</title></head><body>'
			. '<main><form id="' . self::FORM_ID . '" method="post" action="' . self::attribute( $redirect_uri ) . '">'
			. '<h1>' . esc_html( $title ) . '</h1>'
			. '<p>' . esc_html__( 'If the application does not open by itself, select Continue.', 'keystone-oidc' ) . '</p>'
			. $fields
			. '<button type="submit">' . esc_html__( 'Continue', 'keystone-oidc' ) . '</button>'
			. '</form></main>'
			. '<script src="' . self::attribute( self::script_url() ) . '"></script>'
			. '</body></html>';
	}

	/**
	 * @return array<string,string>
	 */
	public static function headers( string $redirect_uri ): array {
		return array(
			'Content-Security-Policy' => implode(
				'; ',
				array(
					"default-src 'none'",
					'script-src ' . self::source( self::script_url() ),
					'form-action ' . self::source( $redirect_uri ),
					"frame-ancestors 'none'",
					"base-uri 'none'",
				)
			),
		);
	}

	public static function script_url(): string {
		return add_query_arg( 'ver', KEYSTONE_OIDC_VERSION, plugins_url( self::SCRIPT, KEYSTONE_OIDC_FILE ) );
	}

	/**
	 * A CSP source expression (CSP3 §2.3.1) for one URL: scheme, host, port and path, the query
	 * left out as CSP ignores it. `;` and `,` would end the directive or the policy, so they are
	 * percent-encoded, which CSP decodes again when it compares paths. A URL that has no host CSP
	 * can name (a custom scheme of a native app, an IPv6 literal) is allowed by its scheme.
	 */
	public static function source( string $url ): string {
		$parts  = wp_parse_url( $url );
		$scheme = is_array( $parts ) && isset( $parts['scheme'] ) ? strtolower( (string) $parts['scheme'] ) : '';
		$host   = is_array( $parts ) && isset( $parts['host'] ) ? (string) $parts['host'] : '';
		if ( ! in_array( $scheme, array( 'http', 'https' ), true ) || 1 !== preg_match( '/^[A-Za-z0-9.\-]+$/D', $host ) ) {
			return ( '' === $scheme ? "'none'" : $scheme . ':' );
		}
		$port = isset( $parts['port'] ) ? ':' . (int) $parts['port'] : '';
		$path = str_replace( array( ';', ',' ), array( '%3B', '%2C' ), (string) ( $parts['path'] ?? '' ) );
		return $scheme . '://' . strtolower( $host ) . $port . $path;
	}

	/**
	 * Attribute escaping that also encodes `&` already followed by an entity name: WordPress's
	 * esc_attr() leaves `&amp;` alone, which would turn a state of `a&amp;b` into `a&b` on the way.
	 */
	private static function attribute( string $value ): string {
		return htmlspecialchars( $value, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8' );
	}
}
