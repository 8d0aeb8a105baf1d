<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Config;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Redirect_Url;
use Keystone_OIDC\Http\Responder;
use Keystone_OIDC\Tokens\Code_Issuer;

/**
 * The end of an authorization request once the client and its redirect URI are proven: a new code,
 * or an error, sent to the redirect URI with `state` and `iss` (RFC 6749 §4.1.2, RFC 9207), in the
 * query or as a self-submitting form (OAuth 2.0 Form Post Response Mode).
 */
final class Authorization_Response {
	public static function code( Authorization_Request $request, int $user_id, int $auth_time, string $method ): void {
		$code = Code_Issuer::issue( $request, $user_id, $auth_time );
		self::send(
			$request,
			array(
				'code'  => $code,
				'state' => $request->state,
				'iss'   => Config::issuer(),
			),
			$method
		);
	}

	public static function error( OAuth_Error $error, Authorization_Request $request, string $method ): void {
		if ( Authorization_Request::RESPONSE_MODE_FORM_POST === $request->response_mode ) {
			Responder::error_form_post( $error, $request->redirect_uri, $request->state );
			return;
		}
		Responder::error_redirect( $error, $request->redirect_uri, $request->state, $method );
	}

	/**
	 * @param array<string,string|null> $params
	 */
	private static function send( Authorization_Request $request, array $params, string $method ): void {
		if ( Authorization_Request::RESPONSE_MODE_FORM_POST === $request->response_mode ) {
			Responder::form_post( $request->redirect_uri, $params );
			return;
		}
		Responder::redirect( Redirect_Url::build( $request->redirect_uri, $params ), $method );
	}
}
