<?php
declare(strict_types=1);

namespace Keystone_OIDC\Test_Sign_In;

use Keystone_OIDC\Authorization\User_Session;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Time\Clock;

/**
 * The one rule that lets an authorization request use the built-in redirect target of "Test
 * sign-in", which is no client's registered redirect URI: the request's `state` must name a live
 * test session of the signed-in administrator for this very client. Anyone else (no session,
 * another administrator's, another client's, an expired or already redeemed one, nobody signed
 * in) gets exactly what an unregistered redirect URI gets: an HTML error page, no redirect.
 * `Registered_Redirect_Uri` asks it on the way in, `Consent_Decision` again after the consent
 * screen.
 */
final class Test_Target {
	/** @var string */
	private $url;

	/** @var Test_Sessions */
	private $sessions;

	/** @var User_Session */
	private $session;

	/** @var Clock */
	private $clock;

	/**
	 * @param string $url The built-in redirect target (`Admin\Test_Sign_In_Page::url()`).
	 */
	public function __construct( string $url, Test_Sessions $sessions, User_Session $session, Clock $clock ) {
		$this->url      = $url;
		$this->sessions = $sessions;
		$this->session  = $session;
		$this->clock    = $clock;
	}

	public function url(): string {
		return $this->url;
	}

	/**
	 * Whether `$redirect_uri` is the built-in target. Costs nothing: requests naming any other
	 * URI never reach the session lookup.
	 */
	public function is_target( string $redirect_uri ): bool {
		return hash_equals( $this->url, $redirect_uri );
	}

	public function admits( Client $client, string $redirect_uri, ?string $state ): bool {
		if ( ! $this->is_target( $redirect_uri ) || null === $state || '' === $state ) {
			return false;
		}
		$user = $this->session->current();
		if ( null === $user ) {
			return false;
		}
		$test = $this->sessions->find( $user->id, $state );
		return null !== $test && $test->admits( $user->id, $client->client_id, $this->clock->now() );
	}
}
