<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Checks\Redirect_Uri;
use Keystone_OIDC\Consent\Consent_Manager;
use Keystone_OIDC\Consent\Pending_Request;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Http\Responder;
use Keystone_OIDC\Storage\Client_Repository;

/**
 * The consent form's POST back to the authorization endpoint. The decision counts only from the
 * user the pending request was made for, with a nonce bound to that request (CSRF); until both
 * hold, errors are HTML pages. Then Deny answers `access_denied` and Allow a code; Allow is also
 * remembered, so the same scopes need no consent screen next time.
 */
final class Consent_Decision {
	public static function handle( Parameters $params ): void {
		try {
			$params->assert_single( array( 'request_id', 'decision', '_wpnonce' ) );
			$user = wp_get_current_user();
			if ( ! $user->exists() ) {
				throw OAuth_Error::login_required( 'You are no longer signed in. Start signing in to the application again.' );
			}
			$request_id = (string) $params->get( 'request_id' );
			if ( false === wp_verify_nonce( (string) $params->get( '_wpnonce' ), Pending_Request::nonce_action( $request_id ) ) ) {
				throw OAuth_Error::invalid_request( 'The consent form has expired. Start signing in to the application again.' );
			}
			// Checked before the pending request is taken, so a malformed form leaves it answerable.
			$decision = $params->get( 'decision' );
			if ( 'allow' !== $decision && 'deny' !== $decision ) {
				throw OAuth_Error::invalid_request( 'decision must be allow or deny' );
			}
			$pending = Pending_Request::take( $request_id, (int) $user->ID );
			if ( null === $pending ) {
				throw OAuth_Error::invalid_request( 'This sign-in request is unknown, expired or already answered.' );
			}
			$client = Client_Repository::find( (string) ( $pending['request']['client_id'] ?? '' ) );
			if ( null === $client ) {
				throw OAuth_Error::invalid_client( 'The client is unknown' );
			}
			$authorization = Authorization_Request::from_array( $pending['request'], $client );
			if ( ! Redirect_Uri::matches( $authorization->redirect_uri, $client->redirect_uris ) ) {
				throw OAuth_Error::invalid_request( 'redirect_uri is no longer registered for this client' );
			}
		} catch ( \Throwable $failure ) {
			Responder::error_page( Responder::to_oauth_error( $failure ) );
			return;
		}

		try {
			if ( 'deny' === $decision ) {
				throw OAuth_Error::access_denied( 'The user denied the request' );
			}
			if ( ! $client->allows_roles( (array) $user->roles ) ) {
				throw OAuth_Error::access_denied( 'This account may not sign in to this application' );
			}
			Consent_Manager::remember( (int) $user->ID, $client->client_id, $authorization->scopes );
			Authorization_Response::code( $authorization, (int) $user->ID, $pending['auth_time'], 'POST' );
		} catch ( \Throwable $failure ) {
			Authorization_Response::error( Responder::to_oauth_error( $failure ), $authorization, 'POST' );
		}
	}
}
