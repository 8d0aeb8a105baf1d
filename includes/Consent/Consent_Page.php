<?php
declare(strict_types=1);

namespace Keystone_OIDC\Consent;

use Keystone_OIDC\Admin\Assets;
use Keystone_OIDC\Endpoints\Authorization_Request;
use Keystone_OIDC\Endpoints\Router;

/**
 * The consent screen: a standalone document (no theme) holding a plain HTML form that works on its
 * own, which the React app (`build/consent.js`) replaces when it loads. The page must never be
 * framed (clickjacking), which `Http\Responder::html` ensures.
 */
final class Consent_Page {
	const ENTRY = 'consent';

	public static function render( Authorization_Request $request, string $request_id, \WP_User $user, string $return_url ): string {
		$config = array(
			'clientName'      => $request->client->name,
			'userDisplayName' => (string) $user->display_name,
			'userLogin'       => (string) $user->user_login,
			'scopes'          => self::described_scopes( $request->scopes ),
			'formAction'      => Router::url( 'authorize' ),
			'requestId'       => $request_id,
			'nonce'           => wp_create_nonce( Pending_Request::nonce_action( $request_id ) ),
			// wp_logout_url() comes HTML-escaped (`&amp;`); the app and esc_url() want the plain URL.
			'logoutUrl'       => html_entity_decode( wp_logout_url( $return_url ), ENT_QUOTES ),
		);
		$handle     = 'keystone-oidc-' . self::ENTRY;
		$has_script = Assets::register( self::ENTRY );
		if ( $has_script ) {
			wp_add_inline_script( $handle, 'window.keystoneOidcConsent = ' . wp_json_encode( $config ) . ';', 'before' );
		}
		/* translators: %s: name of the application asking to sign the user in */
		$title = sprintf( __( 'Sign in to %s', 'keystone-oidc' ), $request->client->name );

		ob_start();
		echo '<!DOCTYPE html><html lang="' . esc_attr( get_bloginfo( 'language' ) ) . '"><head><meta charset="utf-8">';
		echo '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">';
		echo '<title>' . esc_html( $title ) . '</title>';
		if ( $has_script ) {
			wp_print_styles( array( 'wp-components', $handle ) );
		}
		echo '</head><body class="keystone-oidc-consent-page">';
		echo '<div id="keystone-oidc-consent">' . self::fallback_form( $config, $title ) . '</div>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped in fallback_form().
		if ( $has_script ) {
			wp_print_scripts( array( $handle ) );
		}
		echo '</body></html>';
		return (string) ob_get_clean();
	}

	/**
	 * What each scope lets the application see, in words. Filter `keystone_oidc_scope_descriptions`.
	 *
	 * @param string[] $scopes
	 * @return array<int,array{scope: string, description: string}>
	 */
	public static function described_scopes( array $scopes ): array {
		$descriptions = apply_filters(
			'keystone_oidc_scope_descriptions',
			array(
				'openid'         => __( 'Know who you are on this site (your user ID)', 'keystone-oidc' ),
				'profile'        => __( 'Your name, username, profile picture and website', 'keystone-oidc' ),
				'email'          => __( 'Your email address', 'keystone-oidc' ),
				'offline_access' => __( 'Stay connected to your account when you are not using it', 'keystone-oidc' ),
				'roles'          => __( 'See your roles on this site (for example administrator or subscriber)', 'keystone-oidc' ),
			)
		);
		$described = array();
		foreach ( $scopes as $scope ) {
			$text        = is_array( $descriptions ) && isset( $descriptions[ $scope ] ) && is_string( $descriptions[ $scope ] ) ? $descriptions[ $scope ] : $scope;
			$described[] = array(
				'scope'       => $scope,
				'description' => $text,
			);
		}
		return $described;
	}

	/**
	 * @param array<string,mixed> $config
	 */
	private static function fallback_form( array $config, string $title ): string {
		$items = '';
		foreach ( $config['scopes'] as $scope ) {
			$items .= '<li>' . esc_html( $scope['description'] ) . '</li>';
		}
		/* translators: %s: the signed-in user's display name */
		$signed_in = sprintf( __( 'Signed in as %s.', 'keystone-oidc' ), $config['userDisplayName'] . ' (' . $config['userLogin'] . ')' );
		/* translators: %s: name of the application */
		$asks = sprintf( __( '%s would like to:', 'keystone-oidc' ), $config['clientName'] );
		return '<main><form method="post" action="' . esc_url( $config['formAction'] ) . '">'
			. '<h1>' . esc_html( $title ) . '</h1>'
			. '<p>' . esc_html( $signed_in ) . ' <a href="' . esc_url( $config['logoutUrl'] ) . '">' . esc_html__( 'Not you?', 'keystone-oidc' ) . '</a></p>'
			. '<p>' . esc_html( $asks ) . '</p><ul>' . $items . '</ul>'
			. '<input type="hidden" name="request_id" value="' . esc_attr( $config['requestId'] ) . '">'
			. '<input type="hidden" name="_wpnonce" value="' . esc_attr( $config['nonce'] ) . '">'
			. '<button type="submit" name="decision" value="allow">' . esc_html__( 'Allow', 'keystone-oidc' ) . '</button> '
			. '<button type="submit" name="decision" value="deny">' . esc_html__( 'Deny', 'keystone-oidc' ) . '</button>'
			. '</form></main>';
	}
}
