<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Config;
use Keystone_OIDC\Http\Redirect_Url;
use Keystone_OIDC\Http\Responder;
use Keystone_OIDC\Tokens\Code_Issuer;

/**
 * The successful end of an authorization request: a new code sent to the proven redirect URI with
 * `state` and `iss` (RFC 6749 §4.1.2, RFC 9207).
 */
final class Authorization_Response {
	public static function code( Authorization_Request $request, int $user_id, int $auth_time, string $method ): void {
		$code = Code_Issuer::issue( $request, $user_id, $auth_time );
		Responder::redirect(
			Redirect_Url::build(
				$request->redirect_uri,
				array(
					'code'  => $code,
					'state' => $request->state,
					'iss'   => Config::issuer(),
				)
			),
			$method
		);
	}
}
