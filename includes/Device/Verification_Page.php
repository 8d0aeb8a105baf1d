<?php
declare(strict_types=1);

namespace Keystone_OIDC\Device;

use Keystone_OIDC\Admin\Assets;
use Keystone_OIDC\Authorization\Signed_In_User;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Consent\Consent_Page;
use Keystone_OIDC\Consent\Site_Identity;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Rules\Scope_Descriptions;

/**
 * The verification page of the device flow (RFC 8628 §3.3) as the consent screen is built: its one
 * renderer is the React app in `src/device/` (`build/device.js`); this class prints the standalone
 * document around it, the configuration it reads (`window.keystoneOidcDevice`, `src/device/types.ts`)
 * and, for a browser without JavaScript, the same step as a plain form in the app's words.
 *
 * Steps: `enter` (type the code, with an `error` when the last entry failed), `confirm` (who asks
 * for what, Allow or Deny), and the outcomes `approved`, `denied`, `not_allowed`.
 */
final class Verification_Page {
	const ENTRY        = 'device';
	const NONCE_ACTION = 'keystone_oidc_device';

	const ERROR_UNKNOWN_CODE = 'unknown_code';
	const ERROR_RATE_LIMITED = 'rate_limited';
	const ERROR_EXPIRED_FORM = 'expired_form';

	/** @var string */
	private $page_url;

	public function __construct( string $page_url ) {
		$this->page_url = $page_url;
	}

	public function page_url( string $typed_code ): string {
		return '' === $typed_code ? $this->page_url : add_query_arg( 'user_code', rawurlencode( $typed_code ), $this->page_url );
	}

	public function enter( Signed_In_User $user, string $typed_code, string $error ): Answer {
		$status = self::ERROR_RATE_LIMITED === $error ? 429 : ( '' === $error ? 200 : 400 );
		return $this->answer( $status, 'enter', $user, array( 'userCode' => $typed_code, 'error' => $error ) );
	}

	/**
	 * @param string $user_code Normalised.
	 * @param string[] $scopes  What the device asked for and may get.
	 */
	public function confirm( Signed_In_User $user, Client $client, string $user_code, array $scopes ): Answer {
		return $this->answer(
			200,
			'confirm',
			$user,
			array(
				'userCode'   => User_Code::display( $user_code ),
				'clientName' => $client->name,
				'scopes'     => Scope_Descriptions::describe( $scopes ),
			)
		);
	}

	/**
	 * @param string $outcome `approved`, `denied` or `not_allowed`.
	 */
	public function outcome( Signed_In_User $user, Client $client, string $outcome ): Answer {
		return $this->answer( 'not_allowed' === $outcome ? 403 : 200, $outcome, $user, array( 'clientName' => $client->name ) );
	}

	/**
	 * @param array<string,mixed> $step_config
	 */
	private function answer( int $status, string $step, Signed_In_User $user, array $step_config ): Answer {
		$config = array_merge(
			array(
				'site'       => Site_Identity::current(),
				'step'       => $step,
				'error'      => '',
				'userCode'   => '',
				'clientName' => '',
				'scopes'     => array(),
				'signedInAs' => Consent_Page::signed_in_as( $user->display_name, $user->login ),
				'formAction' => $this->page_url,
				'nonce'      => wp_create_nonce( self::NONCE_ACTION ),
				// wp_logout_url() comes HTML-escaped (`&amp;`); the app and esc_url() want the plain URL.
				'logoutUrl'  => html_entity_decode( wp_logout_url( $this->page_url ), ENT_QUOTES ),
			),
			$step_config
		);
		return Answer::html( $status, $this->render( $config ) );
	}

	/**
	 * @param array<string,mixed> $config
	 */
	private function render( array $config ): string {
		$handle     = 'keystone-oidc-' . self::ENTRY;
		$has_script = Assets::register( self::ENTRY );
		if ( $has_script ) {
			wp_add_inline_script( $handle, 'window.keystoneOidcDevice = ' . wp_json_encode( $config ) . ';', 'before' );
		}
		ob_start();
		echo '<!DOCTYPE html><html lang="' . esc_attr( get_bloginfo( 'language' ) ) . '"><head><meta charset="utf-8">';
		echo '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">';
		echo '<title>' . esc_html__( 'Connect a device', 'keystone-oidc' ) . '</title>';
		if ( $has_script ) {
			wp_print_styles( array( 'wp-components', $handle ) );
		}
		echo '</head><body class="keystone-oidc-consent-page">';
		echo '<div id="keystone-oidc-device"><main class="keystone-oidc-consent">' . Site_Identity::html( $config['site'] ) . self::without_script( $config ) . '</main></div>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped in Site_Identity::html() and without_script().
		if ( $has_script ) {
			wp_print_scripts( array( $handle ) );
		}
		echo '</body></html>';
		return (string) ob_get_clean();
	}

	/**
	 * The step for a browser without JavaScript, in the app's words (`src/device/components/`).
	 *
	 * @param array<string,mixed> $config
	 */
	private static function without_script( array $config ): string {
		/* translators: %s: the signed-in user's name and login. */
		$signed_in = '<p>' . esc_html( sprintf( __( 'Signed in as %s.', 'keystone-oidc' ), (string) $config['signedInAs'] ) )
			. ' <a href="' . esc_url( (string) $config['logoutUrl'] ) . '">' . esc_html__( 'Not you?', 'keystone-oidc' ) . '</a></p>';
		$form      = '<form method="post" action="' . esc_url( (string) $config['formAction'] ) . '">'
			. '<input type="hidden" name="_wpnonce" value="' . esc_attr( (string) $config['nonce'] ) . '">';
		$client    = (string) $config['clientName'];
		switch ( $config['step'] ) {
			case 'confirm':
				$items = '';
				foreach ( (array) $config['scopes'] as $scope ) {
					$items .= '<li>' . esc_html( (string) $scope['description'] ) . '</li>';
				}
				/* translators: %s: application name. */
				return '<h1>' . esc_html( sprintf( __( '%s wants to connect to your account', 'keystone-oidc' ), $client ) ) . '</h1>'
					. $signed_in
					/* translators: %s: the user code, as XXXX-XXXX. */
					. '<p>' . esc_html( sprintf( __( 'Code: %s', 'keystone-oidc' ), (string) $config['userCode'] ) ) . '</p>'
					. '<p><strong>' . esc_html( self::warning() ) . '</strong></p>'
					. ( '' === $items ? '' : '<h2>' . esc_html__( 'It will be able to:', 'keystone-oidc' ) . '</h2><ul>' . $items . '</ul>' )
					. $form
					. '<input type="hidden" name="user_code" value="' . esc_attr( (string) $config['userCode'] ) . '">'
					. '<button type="submit" name="decision" value="allow">' . esc_html__( 'Allow', 'keystone-oidc' ) . '</button> '
					. '<button type="submit" name="decision" value="deny">' . esc_html__( 'Deny', 'keystone-oidc' ) . '</button></form>';
			case 'approved':
				return '<h1>' . esc_html__( 'Device connected', 'keystone-oidc' ) . '</h1><p>' . esc_html__( 'You can go back to your device now.', 'keystone-oidc' ) . '</p>';
			case 'denied':
				return '<h1>' . esc_html__( 'Request denied', 'keystone-oidc' ) . '</h1><p>' . esc_html__( 'The device was not given access to your account.', 'keystone-oidc' ) . '</p>';
			case 'not_allowed':
				/* translators: %s: application name. */
				return '<h1>' . esc_html__( 'Request denied', 'keystone-oidc' ) . '</h1><p>' . esc_html( sprintf( __( 'Your account may not sign in to %s.', 'keystone-oidc' ), $client ) ) . '</p>' . $signed_in;
		}
		$error = self::error_text( (string) $config['error'] );
		return '<h1>' . esc_html__( 'Connect a device', 'keystone-oidc' ) . '</h1>'
			. $signed_in
			. ( '' === $error ? '' : '<p role="alert">' . esc_html( $error ) . '</p>' )
			. $form
			. '<p><label for="keystone-oidc-user-code">' . esc_html__( 'Enter the code shown on your device', 'keystone-oidc' ) . '</label><br>'
			. '<input id="keystone-oidc-user-code" name="user_code" autocomplete="off" autocapitalize="characters" spellcheck="false" required value="' . esc_attr( (string) $config['userCode'] ) . '"></p>'
			. '<button type="submit">' . esc_html__( 'Continue', 'keystone-oidc' ) . '</button></form>';
	}

	/**
	 * Why the confirm step is always shown: a user code can be phished (someone starts the flow
	 * on their own device and talks the victim into typing the code), RFC 8628 §5.4.
	 */
	private static function warning(): string {
		return __( 'Only continue if you started this yourself on a device you have with you, and it shows this code. If someone sent you the code, choose Deny.', 'keystone-oidc' );
	}

	private static function error_text( string $error ): string {
		switch ( $error ) {
			case self::ERROR_UNKNOWN_CODE:
				return __( 'That code is not valid or has expired. Check the code on your device and try again.', 'keystone-oidc' );
			case self::ERROR_RATE_LIMITED:
				return __( 'Too many wrong codes. Wait 15 minutes, then try again.', 'keystone-oidc' );
			case self::ERROR_EXPIRED_FORM:
				return __( 'This page has expired. Enter the code again.', 'keystone-oidc' );
		}
		return '';
	}
}
