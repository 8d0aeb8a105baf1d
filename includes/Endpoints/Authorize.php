<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Checks\Pkce;
use Keystone_OIDC\Checks\Redirect_Uri;
use Keystone_OIDC\Checks\Resource_Indicator;
use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Clock;
use Keystone_OIDC\Config;
use Keystone_OIDC\Consent\Consent_Manager;
use Keystone_OIDC\Consent\Consent_Page;
use Keystone_OIDC\Consent\Pending_Request;
use Keystone_OIDC\Grants\Refresh_Token;
use Keystone_OIDC\Http\Method_Guard;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Http\Redirect_Url;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Http\Responder;
use Keystone_OIDC\Storage\Client_Repository;
use Keystone_OIDC\Tokens\Grant;
use Keystone_OIDC\Tokens\Id_Token_Hint;

/**
 * The authorization endpoint (RFC 6749 §4.1.1, OIDC Core §3.1.2), GET or POST. First the client
 * and its redirect URI are proven; until then every error is an HTML page. After that every error
 * goes back to the client. A POST carrying `request_id` is the consent decision instead.
 */
final class Authorize implements Endpoint {
	/**
	 * Parameters that must not be repeated (RFC 6749 §3.1). `resource` may be (RFC 8707 §2).
	 */
	const SINGLE = array( 'client_id', 'redirect_uri', 'response_type', 'response_mode', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'prompt', 'max_age', 'request', 'request_uri', 'login_hint', 'id_token_hint', 'ui_locales', 'display', 'acr_values', 'claims' );

	const PROMPTS = array( 'none', 'login', 'consent', 'select_account' );

	const RESPONSE_MODES = array( Authorization_Request::RESPONSE_MODE_QUERY, Authorization_Request::RESPONSE_MODE_FORM_POST );

	const MAX_NONCE_LENGTH = 512;

	/**
	 * Encoded bytes of the parameters an authorization request may carry. They travel on in
	 * URLs (the error redirect's `state`, the way back from wp-login.php), and a response header
	 * past a few kilobytes is refused by proxies (nginx answers 502) and HTTP clients alike.
	 */
	const MAX_REQUEST_LENGTH = 4096;

	public function handle( Request $request, string $name ): void {
		if ( ! Method_Guard::allow( $request, array( 'GET', 'POST' ) ) ) {
			return;
		}
		$params = $request->parameters();
		if ( 'POST' === $request->method() && $params->has_name( 'request_id' ) ) {
			Consent_Decision::handle( $params );
			return;
		}
		$authorization = self::proven_request( $params );
		if ( null === $authorization ) {
			return;
		}
		try {
			self::check_single_parameters( $params );
			self::check_request_object( $params );
			self::check_response_type( $params );
			self::check_response_mode( $params );
			$authorization->scopes = self::granted_scopes( $params, $authorization->client );
			self::read_resources( $params, $authorization );
			self::read_pkce( $params, $authorization );
			$authorization->nonce   = self::nonce( $params );
			$authorization->prompt  = self::prompt( $params );
			$authorization->max_age = self::max_age( $params );

			$authorization->id_token_hint = self::id_token_hint( $params );
			self::continue_as_user( $params, $authorization, $request->method() );
		} catch ( \Throwable $failure ) {
			Authorization_Response::error( Responder::to_oauth_error( $failure ), $authorization, $request->method() );
		}
	}

	/**
	 * Proves `client_id` and `redirect_uri`, answering with the HTML error page when either fails.
	 */
	private static function proven_request( Parameters $params ): ?Authorization_Request {
		try {
			if ( strlen( Redirect_Url::encode( $params->to_array() ) ) > self::MAX_REQUEST_LENGTH ) {
				throw OAuth_Error::invalid_request( 'The authorization request is too large' );
			}
			$client_id = $params->get( 'client_id' );
			if ( null === $client_id ) {
				throw OAuth_Error::invalid_request( 'client_id is required' );
			}
			$client = Client_Repository::find( $client_id );
			if ( null === $client ) {
				throw OAuth_Error::invalid_client( 'The client is unknown' );
			}
			$redirect_uri = $params->get( 'redirect_uri' );
			if ( null === $redirect_uri ) {
				throw OAuth_Error::invalid_request( 'redirect_uri is required' );
			}
			if ( ! Redirect_Uri::matches( $redirect_uri, $client->redirect_uris ) ) {
				throw OAuth_Error::invalid_request( 'redirect_uri is not registered for this client' );
			}
		} catch ( \Throwable $failure ) {
			Responder::error_page( Responder::to_oauth_error( $failure ) );
			return null;
		}
		$authorization                = new Authorization_Request( $client );
		$authorization->redirect_uri  = $redirect_uri;
		$authorization->state         = self::usable_state( $params );
		$authorization->response_mode = self::usable_response_mode( $params );
		return $authorization;
	}

	/**
	 * The response mode errors go back by: the one asked for when it is supported, else `query`
	 * (also for an unsupported one, which check_response_mode() then refuses).
	 */
	private static function usable_response_mode( Parameters $params ): string {
		try {
			$response_mode = $params->get( 'response_mode' );
		} catch ( OAuth_Error $unusable ) {
			return Authorization_Request::RESPONSE_MODE_QUERY;
		}
		return in_array( $response_mode, self::RESPONSE_MODES, true ) ? (string) $response_mode : Authorization_Request::RESPONSE_MODE_QUERY;
	}

	/**
	 * The state to echo in an error, or null when it cannot be told apart (repeated, malformed):
	 * that request then fails with `invalid_request` and no state.
	 */
	private static function usable_state( Parameters $params ): ?string {
		try {
			return $params->get( 'state' );
		} catch ( OAuth_Error $unusable ) {
			return null;
		}
	}

	private static function check_single_parameters( Parameters $params ): void {
		$params->assert_single( self::SINGLE );
	}

	/**
	 * OIDC Core §6: request objects are not offered (discovery says so).
	 */
	private static function check_request_object( Parameters $params ): void {
		if ( $params->has( 'request' ) ) {
			throw OAuth_Error::request_not_supported( 'The request parameter is not supported' );
		}
		if ( $params->has( 'request_uri' ) ) {
			throw OAuth_Error::request_uri_not_supported( 'The request_uri parameter is not supported' );
		}
	}

	private static function check_response_type( Parameters $params ): void {
		$response_type = $params->get( 'response_type' );
		if ( null === $response_type ) {
			throw OAuth_Error::invalid_request( 'response_type is required' );
		}
		if ( 'code' !== $response_type ) {
			throw OAuth_Error::unsupported_response_type( 'Only the code response type is supported' );
		}
	}

	private static function check_response_mode( Parameters $params ): void {
		$response_mode = $params->get( 'response_mode' );
		if ( null !== $response_mode && ! in_array( $response_mode, self::RESPONSE_MODES, true ) ) {
			throw OAuth_Error::invalid_request( 'Supported response modes: ' . implode( ', ', self::RESPONSE_MODES ) );
		}
	}

	/**
	 * RFC 8707 §2.1: every `resource` must be one of the client's audiences; the tokens of this
	 * grant are then limited to them.
	 */
	private static function read_resources( Parameters $params, Authorization_Request $authorization ): void {
		$requested = $params->all( 'resource' );
		Resource_Indicator::assert_permitted( $requested, $authorization->client->audiences );
		$authorization->resources = $requested;
	}

	/**
	 * The requested scopes this provider supports and the client may have. `openid` is required;
	 * anything else the client may not have is dropped, never granted. `offline_access` is a
	 * refresh token that outlives the sign-in (OIDC Core §11), so a client that takes no refresh
	 * tokens is not granted it either.
	 *
	 * @return string[]
	 */
	private static function granted_scopes( Parameters $params, Client $client ): array {
		$scope = $params->get( 'scope' );
		if ( null === $scope ) {
			throw OAuth_Error::invalid_request( 'scope is required' );
		}
		$requested = Scope::parse( $scope );
		foreach ( $requested as $token ) {
			if ( ! Scope::is_valid_token( $token ) ) {
				throw OAuth_Error::invalid_scope( 'The scope parameter is malformed' );
			}
		}
		if ( ! in_array( 'openid', $requested, true ) ) {
			throw OAuth_Error::invalid_scope( 'The openid scope is required' );
		}
		$supported = Config::supported_scopes();
		return array_values(
			array_filter(
				$requested,
				static function ( string $token ) use ( $client, $supported ): bool {
					if ( Refresh_Token::OFFLINE_ACCESS === $token && ! $client->refresh_tokens ) {
						return false;
					}
					return 'openid' === $token || ( in_array( $token, $supported, true ) && $client->allows_scope( $token ) );
				}
			)
		);
	}

	/**
	 * S256 only (RFC 9700 §2.1.1): `plain` proves nothing against an attacker who reads the
	 * authorization request, so it is refused, and a challenge without a method is refused
	 * rather than read as RFC 7636 §4.3's `plain` default. Public clients cannot keep a secret,
	 * so PKCE is their proof and is required.
	 */
	private static function read_pkce( Parameters $params, Authorization_Request $authorization ): void {
		$challenge = $params->get( 'code_challenge' );
		$method    = $params->get( 'code_challenge_method' );
		if ( null === $challenge ) {
			if ( null !== $method ) {
				throw OAuth_Error::invalid_request( 'code_challenge_method was sent without code_challenge' );
			}
			if ( $authorization->client->is_public() ) {
				throw OAuth_Error::invalid_request( 'Public clients must use PKCE (code_challenge)' );
			}
			return;
		}
		if ( null === $method ) {
			throw OAuth_Error::invalid_request( 'code_challenge_method is required (S256)' );
		}
		if ( Pkce::METHOD_S256 !== $method ) {
			throw OAuth_Error::invalid_request( 'code_challenge_method must be S256' );
		}
		if ( ! Pkce::is_valid_challenge( $challenge, $method ) ) {
			throw OAuth_Error::invalid_request( 'code_challenge is malformed' );
		}
		$authorization->code_challenge        = $challenge;
		$authorization->code_challenge_method = $method;
	}

	private static function nonce( Parameters $params ): ?string {
		$nonce = $params->get( 'nonce' );
		if ( null !== $nonce && strlen( $nonce ) > self::MAX_NONCE_LENGTH ) {
			throw OAuth_Error::invalid_request( 'nonce is too long' );
		}
		return $nonce;
	}

	/**
	 * @return string[]
	 */
	private static function prompt( Parameters $params ): array {
		$prompt = Scope::parse( (string) $params->get( 'prompt' ) );
		if ( array() !== array_diff( $prompt, self::PROMPTS ) ) {
			throw OAuth_Error::invalid_request( 'Unsupported prompt value' );
		}
		if ( in_array( 'none', $prompt, true ) && count( $prompt ) > 1 ) {
			throw OAuth_Error::invalid_request( 'prompt=none cannot be combined with other values' );
		}
		return $prompt;
	}

	private static function max_age( Parameters $params ): ?int {
		$max_age = $params->get( 'max_age' );
		if ( null === $max_age ) {
			return null;
		}
		if ( 1 !== preg_match( '/^\d{1,10}$/D', $max_age ) ) {
			throw OAuth_Error::invalid_request( 'max_age must be a non-negative integer' );
		}
		return (int) $max_age;
	}

	private static function id_token_hint( Parameters $params ): ?Id_Token_Hint {
		$hint = $params->get( 'id_token_hint' );
		return null === $hint ? null : Id_Token_Hint::verify( $hint );
	}

	/**
	 * Sends the user to log in when needed, then issues the code or asks for consent.
	 */
	private static function continue_as_user( Parameters $params, Authorization_Request $authorization, string $method ): void {
		$silent = in_array( 'none', $authorization->prompt, true );
		$user   = wp_get_current_user();
		if ( ! $user->exists() ) {
			if ( $silent ) {
				throw OAuth_Error::login_required( 'The user is not signed in' );
			}
			Responder::redirect( wp_login_url( self::return_url( $params ) ), $method );
			return;
		}
		if ( $silent && null !== $authorization->id_token_hint && ! $authorization->id_token_hint->is_for_user( $user ) ) {
			throw OAuth_Error::login_required( 'The signed-in user is not the one id_token_hint names' );
		}
		$auth_time = self::auth_time( $user );
		// Unknown counts as too old: a fresh login is the only way to know.
		$too_old = null !== $authorization->max_age && ( Grant::AUTH_TIME_UNKNOWN === $auth_time || Clock::now() - $auth_time > $authorization->max_age );
		if ( $too_old || in_array( 'login', $authorization->prompt, true ) ) {
			if ( $silent ) {
				throw OAuth_Error::login_required( 'The user must sign in again' );
			}
			Responder::redirect( wp_login_url( self::return_url( $params ), true ), $method );
			return;
		}
		if ( ! $authorization->client->allows_roles( (array) $user->roles ) ) {
			throw OAuth_Error::access_denied( 'This account may not sign in to this application' );
		}
		if ( ! in_array( 'consent', $authorization->prompt, true ) && self::has_consent( $authorization, (int) $user->ID ) ) {
			if ( $authorization->client->skip_consent ) {
				Consent_Manager::remember_implicit( (int) $user->ID, $authorization->client, $authorization->scopes );
			}
			Authorization_Response::code( $authorization, (int) $user->ID, $auth_time, $method );
			return;
		}
		if ( $silent ) {
			throw OAuth_Error::consent_required( 'The user must approve this application' );
		}
		$request_id = Pending_Request::create( (int) $user->ID, $auth_time, $authorization->to_array() );
		Responder::html( 200, Consent_Page::render( $authorization, $request_id, $user, self::return_url( $params ) ) );
	}

	/**
	 * A trusted first-party client needs no consent, except for `offline_access` unless the
	 * administrator extended that trust to it too (OIDC Core §11); any other client needs the user
	 * to have allowed every scope of this request before.
	 */
	private static function has_consent( Authorization_Request $authorization, int $user_id ): bool {
		$client = $authorization->client;
		if ( $client->skip_consent ) {
			$untrusted = array_values( array_diff( $authorization->scopes, Consent_Manager::implicit_scopes( $client, $authorization->scopes ) ) );
			return array() === $untrusted || Consent_Manager::covers( $user_id, $client->client_id, $untrusted );
		}
		return Consent_Manager::covers( $user_id, $client->client_id, $authorization->scopes );
	}

	/**
	 * When the user signed in: the login time of the current WordPress session, or
	 * `Grant::AUTH_TIME_UNKNOWN` when there is none (a single sign-on plugin authenticating by the
	 * `determine_current_user` filter). Never "now": that would claim a login nobody saw.
	 */
	private static function auth_time( \WP_User $user ): int {
		$token = wp_get_session_token();
		if ( '' === $token ) {
			return Grant::AUTH_TIME_UNKNOWN;
		}
		$session = \WP_Session_Tokens::get_instance( (int) $user->ID )->get( $token );
		return is_array( $session ) && isset( $session['login'] ) && (int) $session['login'] > 0 ? (int) $session['login'] : Grant::AUTH_TIME_UNKNOWN;
	}

	/**
	 * This request as a GET URL, to come back to after logging in. A forced re-login is asked for
	 * once: `login` leaves the prompt and `max_age` is dropped (the new sign-in satisfies it), so
	 * the way back does not loop.
	 */
	private static function return_url( Parameters $params ): string {
		$values = $params->to_array();
		unset( $values['max_age'] );
		if ( isset( $values['prompt'] ) ) {
			$values['prompt'] = Scope::to_string( array_diff( Scope::parse( $values['prompt'] ), array( 'login' ) ) );
			if ( '' === $values['prompt'] ) {
				unset( $values['prompt'] );
			}
		}
		// A repeated `resource` is not among the single values; it comes back as many times as it came.
		unset( $values['resource'] );
		$url = Redirect_Url::build( Router::url( 'authorize' ), $values );
		foreach ( $params->all( 'resource' ) as $resource ) {
			$url .= '&' . Redirect_Url::encode( array( 'resource' => $resource ) );
		}
		return $url;
	}
}
