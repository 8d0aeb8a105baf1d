<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Http\Answer;

/**
 * The successful end of an authorization request once the client and its redirect URI are proven:
 * the new code sent to the redirect URI with `state` (and `iss`, added when written: RFC 9207), in
 * the query or as a self-submitting form. Errors take the same way through `Http\Error_Boundary`.
 */
final class Authorization_Response {
	public static function code( Authorization_Request $request, string $code, string $method ): Answer {
		return Answer::to_client(
			$request->redirect_uri,
			array(
				'code'  => $code,
				'state' => $request->state,
			),
			$request->is_form_post(),
			$method
		);
	}
}
