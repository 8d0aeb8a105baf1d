<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Return_Url;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Authorization\User_Session;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Time\Clock;
use Keystone_OIDC\Tokens\Grant;

/**
 * A user signed in recently enough (OIDC Core §3.1.2.1 `prompt`, `max_age`, `id_token_hint`), or
 * off to the login page and back. With `prompt=none` nobody may be asked: `login_required`.
 */
final class Signed_In implements Step {
	/** @var User_Session */
	private $session;

	/** @var Clock */
	private $clock;

	/** @var string */
	private $authorize_url;

	public function __construct( User_Session $session, Clock $clock, string $authorize_url ) {
		$this->session       = $session;
		$this->clock         = $clock;
		$this->authorize_url = $authorize_url;
	}

	public function run( Context $context ): ?Answer {
		$request = $context->request();
		$silent  = in_array( 'none', $request->prompt, true );
		$user    = $this->session->current();
		if ( null === $user ) {
			if ( $silent ) {
				throw OAuth_Error::login_required( 'The user is not signed in' );
			}
			return Answer::redirect( $this->session->login_url( Return_Url::build( $context->params, $this->authorize_url ), false ), $context->method );
		}
		if ( $silent && null !== $request->id_token_hint_subject && (string) $user->id !== $request->id_token_hint_subject ) {
			throw OAuth_Error::login_required( 'The signed-in user is not the one id_token_hint names' );
		}
		// Unknown counts as too old: a fresh login is the only way to know.
		$too_old = null !== $request->max_age && ( Grant::AUTH_TIME_UNKNOWN === $user->auth_time || $this->clock->now() - $user->auth_time > $request->max_age );
		if ( $too_old || in_array( 'login', $request->prompt, true ) ) {
			if ( $silent ) {
				throw OAuth_Error::login_required( 'The user must sign in again' );
			}
			return Answer::redirect( $this->session->login_url( Return_Url::build( $context->params, $this->authorize_url ), true ), $context->method );
		}
		$context->user      = $user;
		$context->auth_time = $user->auth_time;
		return null;
	}
}
