<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Checks\Redirect_Uri;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Endpoints\Authorization_Request;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Test_Sign_In\Test_Target;

/**
 * `redirect_uri` is registered for the client (`Checks\Redirect_Uri`). This proves the request:
 * from here on every error goes back to that URI with the `state` and response mode that can be
 * read, even when a later step refuses the very parameter they came from. The one exception to
 * "registered" is the built-in target of an administrator's Test sign-in (`Test_Target`).
 */
final class Registered_Redirect_Uri implements Step {
	/** @var Test_Target|null */
	private $test_target;

	public function __construct( ?Test_Target $test_target = null ) {
		$this->test_target = $test_target;
	}

	public function run( Context $context ): ?Answer {
		if ( null === $context->client ) {
			throw new \LogicException( 'The redirect URI is checked before the client is known' );
		}
		$redirect_uri = $context->params->get( 'redirect_uri' );
		if ( null === $redirect_uri ) {
			throw OAuth_Error::invalid_request( 'redirect_uri is required' );
		}
		$state = self::usable_state( $context->params );
		if ( ! Redirect_Uri::matches( $redirect_uri, $context->client->redirect_uris ) && ! self::is_test( $this->test_target, $context->client, $redirect_uri, $state ) ) {
			throw OAuth_Error::invalid_request( 'redirect_uri is not registered for this client' );
		}
		$request                = new Authorization_Request( $context->client );
		$request->redirect_uri  = $redirect_uri;
		$request->state         = $state;
		$request->response_mode = self::usable_response_mode( $context->params );
		$context->request       = $request;
		return null;
	}

	/**
	 * Whether the request is an administrator's live Test sign-in of this client, which may use
	 * the built-in redirect target; the consent resume asks the same.
	 */
	public static function is_test( ?Test_Target $test_target, Client $client, string $redirect_uri, ?string $state ): bool {
		return null !== $test_target && $test_target->admits( $client, $redirect_uri, $state );
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
