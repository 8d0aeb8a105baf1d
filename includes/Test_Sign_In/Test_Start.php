<?php
declare(strict_types=1);

namespace Keystone_OIDC\Test_Sign_In;

use Keystone_OIDC\Checks\Pkce;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Crypto\Random;
use Keystone_OIDC\Http\Redirect_Url;
use Keystone_OIDC\Time\Clock;

/**
 * Starts a Test sign-in: a fresh test session for the administrator and the client, and the
 * authorization request a relying party would send (the client's scopes, PKCE S256, state,
 * nonce), addressed to the built-in redirect target.
 */
final class Test_Start {
	/** @var Test_Sessions */
	private $sessions;

	/** @var Test_Verifier */
	private $verifier;

	/** @var Clock */
	private $clock;

	/** @var string */
	private $authorize_url;

	/** @var string */
	private $target_url;

	public function __construct( Test_Sessions $sessions, Test_Verifier $verifier, Clock $clock, string $authorize_url, string $target_url ) {
		$this->sessions      = $sessions;
		$this->verifier      = $verifier;
		$this->clock         = $clock;
		$this->authorize_url = $authorize_url;
		$this->target_url    = $target_url;
	}

	/**
	 * @return array{authorize_url:string,redirect_uri:string,expires_at:int}
	 */
	public function start( int $user_id, Client $client ): array {
		$state   = Random::token( 32 );
		$session = new Test_Session( $user_id, $client->client_id, Random::token( 16 ), $this->clock->now() + Test_Session::LIFETIME );
		$this->sessions->save( $state, $session );
		return array(
			'authorize_url' => Redirect_Url::build(
				$this->authorize_url,
				array(
					'response_type'         => 'code',
					'client_id'             => $client->client_id,
					'redirect_uri'          => $this->target_url,
					'scope'                 => implode( ' ', $client->scopes ),
					'state'                 => $state,
					'nonce'                 => $session->nonce,
					'code_challenge'        => $this->verifier->challenge( $state ),
					'code_challenge_method' => Pkce::METHOD_S256,
				)
			),
			'redirect_uri'  => $this->target_url,
			'expires_at'    => $session->expires_at,
		);
	}
}
