<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Authorization\Client_Directory;
use Keystone_OIDC\Authorization\Consent_Ledger;
use Keystone_OIDC\Authorization\Signed_In_User;
use Keystone_OIDC\Authorization\User_Session;
use Keystone_OIDC\Device\Guess_Limit;
use Keystone_OIDC\Device\User_Code;
use Keystone_OIDC\Device\Verification_Page;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\Method_Guard;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Http\Responder;
use Keystone_OIDC\Models\Device_Authorization;
use Keystone_OIDC\Storage\Device_Code_Store;
use Keystone_OIDC\Time\Clock;
use Keystone_OIDC\Users\Allowed_Users;

/**
 * The verification page (RFC 8628 §3.3), where the signed-in user types the user code and allows
 * or denies the device. A visitor is sent to WordPress's login and back (with the code from
 * `verification_uri_complete`, which is only pre-filled: the user still submits it). Every POST
 * carries a WordPress nonce of the signed-in user; wrong codes count against the user
 * (`Device\Guess_Limit`).
 *
 * The confirm step is always shown, even when the user allowed these scopes to this client before
 * or the administrator marked the client as trusted (`skip_consent`): in the device flow the user
 * code may come from someone else (RFC 8628 §5.4, remote phishing), and only this step shows the
 * user which application they are about to connect. Allow is remembered as in the code flow.
 */
final class Device_Verification implements Endpoint {
	/** @var User_Session */
	private $session;

	/** @var Client_Directory */
	private $clients;

	/** @var Device_Code_Store */
	private $devices;

	/** @var Guess_Limit */
	private $guesses;

	/** @var Allowed_Users */
	private $allowed;

	/** @var Consent_Ledger */
	private $consents;

	/** @var Clock */
	private $clock;

	/** @var Verification_Page */
	private $page;

	public function __construct( User_Session $session, Client_Directory $clients, Device_Code_Store $devices, Guess_Limit $guesses, Allowed_Users $allowed, Consent_Ledger $consents, Clock $clock, Verification_Page $page ) {
		$this->session  = $session;
		$this->clients  = $clients;
		$this->devices  = $devices;
		$this->guesses  = $guesses;
		$this->allowed  = $allowed;
		$this->consents = $consents;
		$this->clock    = $clock;
		$this->page     = $page;
	}

	public function handle( Request $request, string $name ): void {
		if ( ! Method_Guard::allow( $request, array( 'GET', 'POST' ) ) ) {
			return;
		}
		Responder::answer( $this->answer( $request ) );
	}

	private function answer( Request $request ): Answer {
		$params = $request->parameters();
		$typed  = (string) $params->get( 'user_code' );
		$user   = $this->session->current();
		if ( null === $user ) {
			return Answer::redirect( $this->session->login_url( $this->page->page_url( $typed ), false ), $request->method() );
		}
		if ( 'POST' !== $request->method() ) {
			return $this->page->enter( $user, $typed, '' );
		}
		if ( false === wp_verify_nonce( (string) $params->get( '_wpnonce' ), Verification_Page::NONCE_ACTION ) ) {
			return $this->page->enter( $user, $typed, Verification_Page::ERROR_EXPIRED_FORM );
		}
		return $this->entered( $user, $typed, $params );
	}

	/**
	 * A code the user submitted: to confirm (no `decision` yet), or with the decision.
	 */
	private function entered( Signed_In_User $user, string $typed, Parameters $params ): Answer {
		if ( $this->guesses->is_reached( $user->id ) ) {
			return $this->page->enter( $user, $typed, Verification_Page::ERROR_RATE_LIMITED );
		}
		$code    = User_Code::normalise( $typed );
		$request = null === $code ? null : $this->devices->find_by_user_code( User_Code::hash( $code ) );
		$client  = null === $request ? null : $this->clients->find( $request->client_id );
		if ( null === $code || null === $request || null === $client || ! $request->awaits_decision( $this->clock->now() ) ) {
			$this->guesses->record_wrong( $user->id );
			$error = $this->guesses->is_reached( $user->id ) ? Verification_Page::ERROR_RATE_LIMITED : Verification_Page::ERROR_UNKNOWN_CODE;
			return $this->page->enter( $user, $typed, $error );
		}
		if ( ! $this->allowed->may_sign_in( $user->account, $client ) ) {
			// The device learns it too: its next poll is access_denied.
			$this->devices->decide( $request->device_code_hash, Device_Authorization::DENIED, $user->id, $user->auth_time );
			return $this->page->outcome( $user, $client, 'not_allowed' );
		}
		$decision = $params->get( 'decision' );
		if ( 'allow' !== $decision && 'deny' !== $decision ) {
			return $this->page->confirm( $user, $client, $code, $request->scopes() );
		}
		$status = 'allow' === $decision ? Device_Authorization::APPROVED : Device_Authorization::DENIED;
		if ( ! $this->devices->decide( $request->device_code_hash, $status, $user->id, $user->auth_time ) ) {
			return $this->page->enter( $user, '', Verification_Page::ERROR_UNKNOWN_CODE );
		}
		if ( Device_Authorization::APPROVED === $status ) {
			$this->consents->remember( $user->id, $client->client_id, $request->scopes() );
			return $this->page->outcome( $user, $client, 'approved' );
		}
		return $this->page->outcome( $user, $client, 'denied' );
	}
}
