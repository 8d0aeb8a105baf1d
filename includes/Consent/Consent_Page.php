<?php
declare(strict_types=1);

namespace Keystone_OIDC\Consent;

use Keystone_OIDC\Admin\Assets;
use Keystone_OIDC\Authorization\Consent_Prompt;
use Keystone_OIDC\Authorization\Pending_Consents;
use Keystone_OIDC\Authorization\Signed_In_User;
use Keystone_OIDC\Endpoints\Authorization_Request;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Rules\Scope_Descriptions;

/**
 * The consent screen. Its one renderer is the React app on @wordpress/components (`src/consent/`,
 * `build/consent.js`, styled after `wp-components`, which is printed first); this class keeps the
 * request waiting and prints the standalone document (no theme) around the app: the configuration
 * the app reads and the form a visitor without JavaScript needs.
 *
 * Why a server-rendered form at all: consent has to be possible, and informed, with scripts off
 * or blocked (a strict browser, an extension, the script failing to load), so the document holds a
 * plain form the app replaces when it starts. It carries only what a decision needs (who asks,
 * who is signed in, what the application gets, Allow and Deny) in the app's own words, so both
 * share one set of translated strings; the app alone adds styling, the note and the busy states.
 * The page must never be framed (clickjacking), which `Http\Responder::html` ensures.
 */
final class Consent_Page implements Consent_Prompt {
	const ENTRY = 'consent';

	/** @var Pending_Consents */
	private $pending;

	/** @var string */
	private $authorize_url;

	public function __construct( Pending_Consents $pending, string $authorize_url ) {
		$this->pending       = $pending;
		$this->authorize_url = $authorize_url;
	}

	public function ask( Authorization_Request $request, Signed_In_User $user, string $return_url ): Answer {
		$request_id = $this->pending->create( $user->id, $user->auth_time, $request->to_array() );
		return Answer::html( 200, $this->render( $this->config( $request, $request_id, $user, $return_url ) ) );
	}

	/**
	 * What the app reads as `window.keystoneOidcConsent` (`src/consent/types.ts`).
	 *
	 * @return array{site: array{name: string, icon: string}, clientName: string, signedInAs: string, scopes: array<int,array{scope: string, description: string}>, formAction: string, requestId: string, nonce: string, logoutUrl: string}
	 */
	private function config( Authorization_Request $request, string $request_id, Signed_In_User $user, string $return_url ): array {
		return array(
			'site'       => Site_Identity::current(),
			'clientName' => $request->client->name,
			'signedInAs' => self::signed_in_as( $user->display_name, $user->login ),
			'scopes'     => Scope_Descriptions::describe( $request->scopes ),
			'formAction' => $this->authorize_url,
			'requestId'  => $request_id,
			'nonce'      => $this->pending->nonce( $request_id ),
			// wp_logout_url() comes HTML-escaped (`&amp;`); the app and esc_url() want the plain URL.
			'logoutUrl'  => html_entity_decode( wp_logout_url( $return_url ), ENT_QUOTES ),
		);
	}

	/**
	 * "Ada Lovelace (ada)", or only one of the two when they are the same or one is missing.
	 */
	public static function signed_in_as( string $display_name, string $login ): string {
		if ( '' === $display_name || $display_name === $login ) {
			return $login;
		}
		return '' === $login ? $display_name : $display_name . ' (' . $login . ')';
	}

	/**
	 * @param array{site: array{name: string, icon: string}, clientName: string, signedInAs: string, scopes: array<int,array{scope: string, description: string}>, formAction: string, requestId: string, nonce: string, logoutUrl: string} $config
	 */
	private function render( array $config ): string {
		$handle     = 'keystone-oidc-' . self::ENTRY;
		$has_script = Assets::register( self::ENTRY );
		if ( $has_script ) {
			wp_add_inline_script( $handle, 'window.keystoneOidcConsent = ' . wp_json_encode( $config ) . ';', 'before' );
		}
		/* translators: %s: name of the application asking to sign the user in */
		$title = sprintf( __( 'Sign in to %s', 'keystone-oidc' ), $config['clientName'] );

		ob_start();
		echo '<!DOCTYPE html><html lang="' . esc_attr( get_bloginfo( 'language' ) ) . '"><head><meta charset="utf-8">';
		echo '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">';
		echo '<title>' . esc_html( $title ) . '</title>';
		if ( $has_script ) {
			wp_print_styles( array( 'wp-components', $handle ) );
		}
		echo '</head><body class="keystone-oidc-consent-page">';
		echo '<div id="keystone-oidc-consent">' . self::form_without_script( $config ) . '</div>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped in form_without_script().
		if ( $has_script ) {
			wp_print_scripts( array( $handle ) );
		}
		echo '</body></html>';
		return (string) ob_get_clean();
	}

	/**
	 * The decision form for a visitor without JavaScript, in the app's words (`ConsentForm.tsx`).
	 *
	 * @param array{site: array{name: string, icon: string}, clientName: string, signedInAs: string, scopes: array<int,array{scope: string, description: string}>, formAction: string, requestId: string, nonce: string, logoutUrl: string} $config
	 */
	private static function form_without_script( array $config ): string {
		$items = '';
		foreach ( $config['scopes'] as $scope ) {
			$items .= '<li>' . esc_html( $scope['description'] ) . '</li>';
		}
		/* translators: %s: application name. */
		$heading = sprintf( __( '%s wants to sign you in', 'keystone-oidc' ), $config['clientName'] );
		/* translators: %s: the signed-in user's name and login. */
		$signed_in = sprintf( __( 'Signed in as %s.', 'keystone-oidc' ), $config['signedInAs'] );
		$scopes    = '' === $items ? '' : '<h2>' . esc_html__( 'It will be able to:', 'keystone-oidc' ) . '</h2><ul>' . $items . '</ul>';
		return '<main>' . Site_Identity::html( $config['site'] ) . '<h1>' . esc_html( $heading ) . '</h1>'
			. '<p>' . esc_html( $signed_in ) . ' <a href="' . esc_url( $config['logoutUrl'] ) . '">' . esc_html__( 'Not you?', 'keystone-oidc' ) . '</a></p>'
			. $scopes
			. '<form method="post" action="' . esc_url( $config['formAction'] ) . '">'
			. '<input type="hidden" name="request_id" value="' . esc_attr( $config['requestId'] ) . '">'
			. '<input type="hidden" name="_wpnonce" value="' . esc_attr( $config['nonce'] ) . '">'
			. '<button type="submit" name="decision" value="allow">' . esc_html__( 'Allow', 'keystone-oidc' ) . '</button> '
			. '<button type="submit" name="decision" value="deny">' . esc_html__( 'Deny', 'keystone-oidc' ) . '</button>'
			. '</form></main>';
	}
}
