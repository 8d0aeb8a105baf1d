<?php
declare(strict_types=1);

namespace Keystone_OIDC\Sessions;

use Keystone_OIDC\Endpoints\Logout_Request;
use Keystone_OIDC\Endpoints\Router;

/**
 * The end-session endpoint's two pages, standalone documents like the HTML error page: the
 * confirmation asked when a sign-out request is not proven, and the notice shown when no client
 * asked to be returned to. A plain form and no script; `Http\Responder::html` keeps them unframed.
 */
final class Sign_Out_Page {
	public static function confirm( Logout_Request $logout, \WP_User $user, string $nonce ): string {
		$title = __( 'Sign out?', 'keystone-oidc' );
		$asks  = null === $logout->client
			? __( 'An application asks to sign you out of this site.', 'keystone-oidc' )
			/* translators: %s: name of the application asking to sign the user out */
			: sprintf( __( '%s asks to sign you out of this site.', 'keystone-oidc' ), $logout->client->name );
		$fields = '<input type="hidden" name="_wpnonce" value="' . esc_attr( $nonce ) . '">';
		foreach ( $logout->to_form() as $name => $value ) {
			if ( null !== $value ) {
				$fields .= '<input type="hidden" name="' . esc_attr( $name ) . '" value="' . esc_attr( $value ) . '">';
			}
		}
		/* translators: %s: the signed-in user's display name and login */
		$signed_in = sprintf( __( 'You are signed in as %s.', 'keystone-oidc' ), $user->display_name . ' (' . $user->user_login . ')' );
		return self::document(
			$title,
			'<form method="post" action="' . esc_url( Router::url( 'end-session' ) ) . '">'
			. '<h1>' . esc_html( $title ) . '</h1>'
			. '<p>' . esc_html( $asks ) . ' ' . esc_html( $signed_in ) . '</p>'
			. $fields
			. '<button type="submit">' . esc_html__( 'Sign out', 'keystone-oidc' ) . '</button> '
			. '<a href="' . esc_url( home_url( '/' ) ) . '">' . esc_html__( 'Stay signed in', 'keystone-oidc' ) . '</a>'
			. '</form>'
		);
	}

	public static function signed_out(): string {
		$title = __( 'You are signed out', 'keystone-oidc' );
		return self::document(
			$title,
			'<h1>' . esc_html( $title ) . '</h1>'
			/* translators: %s: the site's name */
			. '<p>' . esc_html( sprintf( __( 'You are no longer signed in to %s.', 'keystone-oidc' ), get_bloginfo( 'name' ) ) ) . '</p>'
			. '<p><a href="' . esc_url( home_url( '/' ) ) . '">' . esc_html__( 'Go to the site', 'keystone-oidc' ) . '</a></p>'
		);
	}

	/**
	 * @param string $main Escaped HTML.
	 */
	private static function document( string $title, string $main ): string {
		return '<!DOCTYPE html><html lang="' . esc_attr( get_bloginfo( 'language' ) ) . '"><head><meta charset="utf-8">'
			. '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">'
			. '<title>' . esc_html( $title ) . '</title></head><body>'
			. '<main>' . $main . '</main></body></html>';
	}
}
