<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Checks\Redirect_Uri;
use Keystone_OIDC\Endpoints\Authorization_Request;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;

/**
 * `redirect_uri` is registered for the client (`Checks\Redirect_Uri`). This proves the request:
 * from here on every error goes back to that URI with the `state` and response mode that can be
 * read, even when a later step refuses the very parameter they came from.
 */
final class Registered_Redirect_Uri implements Step {
	public function run( Context $context ): ?Answer {
		if ( null === $context->client ) {
			throw new \LogicException( 'The redirect URI is checked before the client is known' );
		}
		$redirect_uri = $context->params->get( 'redirect_uri' );
		if ( null === $redirect_uri ) {
			throw OAuth_Error::invalid_request( 'redirect_uri is required' );
		}
		if ( ! Redirect_Uri::matches( $redirect_uri, $context->client->redirect_uris ) ) {
			throw OAuth_Error::invalid_request( 'redirect_uri is not registered for this client' );
		}
		$request                = new Authorization_Request( $context->client );
		$request->redirect_uri  = $redirect_uri;
		$request->state         = self::usable_state( $context->params );
		$request->response_mode = self::usable_response_mode( $context->params );
		$context->request       = $request;
		return null;
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

	/**
	 * The response mode errors go back by: the one asked for when it is supported, else `query`
	 * (also for an unsupported one, which `Response_Mode` then refuses).
	 */
	private static function usable_response_mode( Parameters $params ): string {
		try {
			$response_mode = $params->get( 'response_mode' );
		} catch ( OAuth_Error $unusable ) {
			return Authorization_Request::RESPONSE_MODE_QUERY;
		}
		return in_array( $response_mode, Response_Mode::SUPPORTED, true ) ? (string) $response_mode : Authorization_Request::RESPONSE_MODE_QUERY;
	}
}
