<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Authorization\Client_Directory;
use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Pending_Consents;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Authorization\Checks\Registered_Redirect_Uri;
use Keystone_OIDC\Authorization\User_Session;
use Keystone_OIDC\Checks\Redirect_Uri;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Test_Sign_In\Test_Target;

/**
 * The resume step: the consent form's POST back to the authorization endpoint (a POST carrying
 * `request_id`) picks up the request `Consent_Given` left waiting. The decision counts only from
 * the user the pending request was made for, with a nonce bound to that request (CSRF); until both
 * hold and the request is found again, errors are HTML pages. Then Deny answers `access_denied`,
 * and Allow goes on through the rest of its pipeline (roles, remembering it, the code).
 */
final class Consent_Decision implements Step {
	const FORM = array( 'request_id', 'decision', '_wpnonce' );

	/** @var User_Session */
	private $session;

	/** @var Pending_Consents */
	private $pending;

	/** @var Client_Directory */
	private $clients;

	/** @var Test_Target|null */
	private $test_target;

	public function __construct( User_Session $session, Pending_Consents $pending, Client_Directory $clients, ?Test_Target $test_target = null ) {
		$this->session     = $session;
		$this->pending     = $pending;
		$this->clients     = $clients;
		$this->test_target = $test_target;
	}

	public function run( Context $context ): ?Answer {
		$params = $context->params;
		$params->assert_single( self::FORM );
		$user = $this->session->current();
		if ( null === $user ) {
			throw OAuth_Error::login_required( 'You are no longer signed in. Start signing in to the application again.' );
		}
		$request_id = (string) $params->get( 'request_id' );
		if ( ! $this->pending->nonce_is_valid( $request_id, (string) $params->get( '_wpnonce' ) ) ) {
			throw OAuth_Error::invalid_request( 'The consent form has expired. Start signing in to the application again.' );
		}
		// Checked before the pending request is taken, so a malformed form leaves it answerable.
		$decision = $params->get( 'decision' );
		if ( 'allow' !== $decision && 'deny' !== $decision ) {
			throw OAuth_Error::invalid_request( 'decision must be allow or deny' );
		}
		$pending = $this->pending->take( $request_id, $user->id );
		if ( null === $pending ) {
			throw OAuth_Error::invalid_request( 'This sign-in request is unknown, expired or already answered.' );
		}
		$client = $this->clients->find( (string) ( $pending['request']['client_id'] ?? '' ) );
		if ( null === $client ) {
			throw OAuth_Error::invalid_client( 'The client is unknown' );
		}
		$request = Authorization_Request::from_array( $pending['request'], $client );
		if ( ! Redirect_Uri::matches( $request->redirect_uri, $client->redirect_uris ) && ! Registered_Redirect_Uri::is_test( $this->test_target, $client, $request->redirect_uri, $request->state ) ) {
			throw OAuth_Error::invalid_request( 'redirect_uri is no longer registered for this client' );
		}
		$context->client    = $client;
		$context->request   = $request;
		$context->user      = $user;
		$context->auth_time = $pending['auth_time'];
		if ( 'deny' === $decision ) {
			throw OAuth_Error::access_denied( 'The user denied the request' );
		}
		return null;
	}
}
