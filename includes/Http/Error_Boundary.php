<?php
declare(strict_types=1);

namespace Keystone_OIDC\Http;

use Keystone_OIDC\Endpoints\Authorization_Request;

/**
 * The one place that decides how a protocol failure is answered (RFC 6749 §4.1.2.1, §5.2):
 *
 * | channel | client and redirect URI proven | answer                                   |
 * |---------|--------------------------------|------------------------------------------|
 * | back    | (never asked)                  | JSON                                     |
 * | front   | no                             | HTML error page (never redirect to an unverified URI) |
 * | front   | yes, `response_mode=form_post` | form post to the redirect URI, `state`, `iss` |
 * | front   | yes, otherwise                 | redirect to the redirect URI, `state`, `iss` (303 after a POST) |
 *
 * Anything that is not an `OAuth_Error` is logged once and answered as `server_error` (or
 * `temporarily_unavailable` in an outage) by `Responder::to_oauth_error()`.
 */
final class Error_Boundary {
	/** The browser is on the line: authorization, consent, end session. */
	const FRONT = 'front';

	/** A client's own HTTP call: token, userinfo, introspection, revocation, discovery, JWKS. */
	const BACK = 'back';

	/**
	 * @param Authorization_Request|null $proven The request once its client and redirect URI are proven.
	 * @param string|null                $title  The error page's title (the sign-out page has its own).
	 */
	public function answer( \Throwable $failure, string $channel, ?Authorization_Request $proven = null, string $method = 'GET', ?string $title = null ): Answer {
		$error = Responder::to_oauth_error( $failure );
		if ( self::BACK === $channel ) {
			return Answer::error_json( $error );
		}
		if ( null === $proven ) {
			return Answer::error_page( $error, $title );
		}
		return Answer::error_to_client( $error, $proven->redirect_uri, $proven->state, $proven->is_form_post(), $method );
	}
}
