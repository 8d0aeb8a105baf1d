<?php
declare(strict_types=1);

namespace Keystone_OIDC\Resource;

use Keystone_OIDC\Container;
use Keystone_OIDC\Http\Request;

/**
 * Where the resource server meets WordPress's REST API. Every callback first looks at the
 * Authorization header alone: a request without a Bearer one is left exactly as WordPress handles
 * it (cookie and nonce, Application Passwords), with no query and nothing built. A request with one
 * is judged by its token alone, never by a cookie: a refused token is a 401, whatever session the
 * browser also holds.
 */
final class Rest_Hooks {
	public static function add_hooks(): void {
		add_filter( 'determine_current_user', array( self::class, 'determine_current_user' ), 100 );
		add_filter( 'rest_authentication_errors', array( self::class, 'authentication_errors' ) );
		add_filter( 'rest_pre_dispatch', array( self::class, 'enforce_scope' ), 5, 3 );
		add_filter( 'rest_post_dispatch', array( self::class, 'add_challenge' ), 10, 3 );
		add_filter( 'rest_pre_serve_request', array( self::class, 'restrict_origin' ), 20 );
		add_filter( 'rest_exposed_cors_headers', array( self::class, 'expose_challenge' ) );
	}

	/**
	 * Only once the request is known to be a REST one (`REST_REQUEST`, which WordPress defines after
	 * it first asked; the REST server then asks again for a visitor): elsewhere a Bearer header
	 * changes nothing.
	 *
	 * @param int|false $user_id
	 * @return int|false
	 */
	public static function determine_current_user( $user_id ) {
		$authorization = self::bearer_header();
		if ( null === $authorization || ! ( defined( 'REST_REQUEST' ) && REST_REQUEST ) ) {
			return $user_id;
		}
		$token = self::authentication()->authenticate( $authorization );
		return null === $token ? false : (int) $token->user->ID;
	}

	/**
	 * The REST server's authentication check, which decides before any route runs: a cookie
	 * session WordPress found before it knew this was a REST request is replaced by the token's
	 * user, and a refused token leaves nobody signed in.
	 *
	 * @param \WP_Error|null|true $result
	 * @return \WP_Error|null|true
	 */
	public static function authentication_errors( $result ) {
		$authorization = self::bearer_header();
		if ( null === $authorization ) {
			return $result;
		}
		$authentication = self::authentication();
		$token          = $authentication->authenticate( $authorization );
		if ( null === $token ) {
			wp_set_current_user( 0 );
			return new \WP_Error( 'invalid_token', (string) $authentication->failure(), array( 'status' => 401 ) );
		}
		if ( get_current_user_id() !== (int) $token->user->ID ) {
			wp_set_current_user( (int) $token->user->ID );
		}
		return is_wp_error( $result ) ? $result : true;
	}

	/**
	 * @param mixed            $result
	 * @param \WP_REST_Server  $server
	 * @param \WP_REST_Request $request
	 * @return mixed
	 */
	public static function enforce_scope( $result, $server, $request ) {
		if ( null !== $result || null === self::bearer_header() ) {
			return $result;
		}
		if ( self::authentication()->allows( $request->get_method() ) ) {
			return $result;
		}
		return new \WP_Error( 'insufficient_scope', __( 'The access token does not allow this request.', 'keystone-oidc' ), array( 'status' => 403 ) );
	}

	/**
	 * RFC 6750 §3 / RFC 9728 §5.1: every 401 of the REST API names the protected resource metadata,
	 * so a client that met it without a token can find out where to get one.
	 *
	 * @param \WP_HTTP_Response $response
	 * @param \WP_REST_Server   $server
	 * @param \WP_REST_Request  $request
	 * @return \WP_HTTP_Response
	 */
	public static function add_challenge( $response, $server, $request ) {
		$status = $response->get_status();
		if ( ( 401 !== $status && 403 !== $status ) || isset( $response->get_headers()['WWW-Authenticate'] ) ) {
			return $response;
		}
		$authorization = Request::authorization_from_globals();
		if ( 403 === $status && null === self::bearer_header() ) {
			return $response;
		}
		$challenge = self::authentication()->challenge( $status, null !== $authorization );
		if ( null !== $challenge ) {
			$response->header( 'WWW-Authenticate', $challenge );
		}
		return $response;
	}

	/**
	 * WordPress echoes any `Origin` (its REST API relies on the nonce against cross-site use). For
	 * a request its token authenticated, only the origins of that client's redirect URIs may read
	 * the answer; a refused token's 401 stays readable, so an app can tell it must get a new one.
	 * A preflight carries no token and is answered as WordPress always did.
	 *
	 * @param bool $served
	 * @return bool
	 */
	public static function restrict_origin( $served ) {
		if ( null === self::bearer_header() ) {
			return $served;
		}
		$token  = self::authentication()->token();
		$origin = get_http_origin();
		if ( null === $token || '' === $origin || headers_sent() ) {
			return $served;
		}
		if ( Cors_Origins::allows( $origin, $token->client->redirect_uris ) ) {
			header( 'Access-Control-Allow-Origin: ' . $origin );
			return $served;
		}
		header_remove( 'Access-Control-Allow-Origin' );
		header_remove( 'Access-Control-Allow-Credentials' );
		header_remove( 'Access-Control-Allow-Methods' );
		return $served;
	}

	/**
	 * Lets a browser app read the challenge (where the metadata is, which scope is missing).
	 *
	 * @param string[] $headers
	 * @return string[]
	 */
	public static function expose_challenge( $headers ) {
		$headers   = is_array( $headers ) ? $headers : array();
		$headers[] = 'WWW-Authenticate';
		return $headers;
	}

	private static function bearer_header(): ?string {
		$authorization = Request::authorization_from_globals();
		return Bearer_Header::is_bearer( $authorization ) ? $authorization : null;
	}

	private static function authentication(): Bearer_Authentication {
		return Container::site()->bearer_authentication();
	}
}
