<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Http\Error_Boundary;
use Keystone_OIDC\Http\Method_Guard;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Http\Redirect_Url;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Http\Responder;
use Keystone_OIDC\Sessions\Session_Id;
use Keystone_OIDC\Sessions\Sign_Out_Page;
use Keystone_OIDC\Storage\Client_Repository;
use Keystone_OIDC\Tokens\Id_Token_Hint;

/**
 * The end-session endpoint (OpenID Connect RP-Initiated Logout 1.0), GET or POST. The client and
 * its post-logout redirect URI are proven first; until then every error is an HTML page and
 * nothing redirects. A request proven by an `id_token_hint` of the signed-in user's session signs
 * out at once; any other asks the user first, with a form bound to their session by a nonce
 * (logging someone out is a state change a third-party page must not trigger).
 */
final class End_Session implements Endpoint {
	const SINGLE = array( 'id_token_hint', 'client_id', 'post_logout_redirect_uri', 'state', 'ui_locales', 'logout_hint', '_wpnonce' );

	const NONCE_ACTION = 'keystone_oidc_end_session';

	/** @var Error_Boundary */
	private $boundary;

	public function __construct( Error_Boundary $boundary ) {
		$this->boundary = $boundary;
	}

	public function handle( Request $request, string $name ): void {
		if ( ! Method_Guard::allow( $request, array( 'GET', 'POST' ) ) ) {
			return;
		}
		$params = $request->parameters();
		try {
			$params->assert_single( self::SINGLE );
			$logout = self::proven_request( $params );
			self::switch_locale( $logout->ui_locales );
			$user = wp_get_current_user();
			if ( $user->exists() ) {
				if ( ! self::is_confirmation( $request, $params ) && ! $logout->is_proven_for( $user, Session_Id::current() ) ) {
					Responder::html( 200, Sign_Out_Page::confirm( $logout, $user, wp_create_nonce( self::NONCE_ACTION ) ) );
					return;
				}
				wp_logout();
			}
		} catch ( \Throwable $failure ) {
			// A sign-out error never redirects, not even to a registered URI: it is a page.
			Responder::answer( $this->boundary->answer( $failure, Error_Boundary::FRONT, null, $request->method(), __( 'Sign-out request rejected', 'keystone-oidc' ) ) );
			return;
		}
		if ( null === $logout->post_logout_redirect_uri ) {
			Responder::html( 200, Sign_Out_Page::signed_out() );
			return;
		}
		Responder::redirect( Redirect_Url::build( $logout->post_logout_redirect_uri, array( 'state' => $logout->state ) ), $request->method() );
	}

	/**
	 * The client comes from `client_id` or from the hint; they must agree. A post-logout redirect
	 * URI needs a client and must be registered for it, exactly. A hint that does not verify
	 * proves nothing, but only makes the user confirm (§2: the OP asks when in doubt).
	 */
	private static function proven_request( Parameters $params ): Logout_Request {
		$logout             = new Logout_Request();
		$logout->state      = $params->get( 'state' );
		$logout->ui_locales = $params->get( 'ui_locales' );
		$logout->hint       = self::verified_hint( $params->get( 'id_token_hint' ) );

		$client_id = $params->get( 'client_id' );
		if ( null !== $client_id ) {
			if ( null !== $logout->hint && ! in_array( $client_id, $logout->hint->audiences, true ) ) {
				throw OAuth_Error::invalid_request( 'client_id is not the client id_token_hint was issued to' );
			}
			$logout->client = Client_Repository::find( $client_id );
			if ( null === $logout->client ) {
				throw OAuth_Error::invalid_client( 'The client is unknown' );
			}
		} elseif ( null !== $logout->hint && null !== $logout->hint->client_id ) {
			$logout->client = Client_Repository::find( $logout->hint->client_id );
		}

		$redirect_uri = $params->get( 'post_logout_redirect_uri' );
		if ( null !== $redirect_uri ) {
			if ( null === $logout->client ) {
				throw OAuth_Error::invalid_request( 'post_logout_redirect_uri needs client_id or a valid id_token_hint' );
			}
			if ( ! $logout->client->allows_post_logout_redirect_uri( $redirect_uri ) ) {
				throw OAuth_Error::invalid_request( 'post_logout_redirect_uri is not registered for this client' );
			}
			$logout->post_logout_redirect_uri = $redirect_uri;
		}
		return $logout;
	}

	private static function verified_hint( ?string $hint ): ?Id_Token_Hint {
		if ( null === $hint ) {
			return null;
		}
		try {
			return Id_Token_Hint::verify( $hint );
		} catch ( OAuth_Error $unverified ) {
			return null;
		}
	}

	/**
	 * The user's answer on the confirmation page: a POST carrying the nonce of their session.
	 */
	private static function is_confirmation( Request $request, Parameters $params ): bool {
		if ( 'POST' !== $request->method() || ! $params->has_name( '_wpnonce' ) ) {
			return false;
		}
		if ( false === wp_verify_nonce( (string) $params->get( '_wpnonce' ), self::NONCE_ACTION ) ) {
			throw OAuth_Error::invalid_request( 'The sign-out form has expired. Start signing out again.' );
		}
		return true;
	}

	/**
	 * `ui_locales`: the first of the user's languages this site has installed, if any.
	 */
	private static function switch_locale( ?string $ui_locales ): void {
		if ( null === $ui_locales ) {
			return;
		}
		$installed = array_merge( array( 'en_US' ), get_available_languages() );
		foreach ( (array) preg_split( '/\s+/', trim( $ui_locales ) ) as $tag ) {
			$wanted = str_replace( '-', '_', (string) $tag );
			foreach ( $installed as $locale ) {
				if ( 0 === strcasecmp( $locale, $wanted ) || 0 === stripos( $locale, $wanted . '_' ) ) {
					switch_to_locale( $locale );
					return;
				}
			}
		}
	}
}
