<?php
declare(strict_types=1);

namespace Keystone_OIDC\Test_Sign_In;

use Keystone_OIDC\Authorization\Client_Directory;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Grants\Grant_Type;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Http\Redirect_Url;
use Keystone_OIDC\Storage\Code_Store;
use Keystone_OIDC\Storage\Token_Store;
use Keystone_OIDC\Storage\Transaction;
use Keystone_OIDC\Time\Clock;

/**
 * The built-in redirect target's work: take the administrator's test session (once), then redeem
 * the code exactly as the token endpoint would for this client (the real `authorization_code`
 * grant and token issuance; the test session stands in for the client's authentication), ask the
 * real UserInfo logic with the access token, and revoke every token of the grant before anything
 * is shown, so nothing a test issued stays usable. The answer is what the result screen shows.
 */
final class Test_Callback {
	/** @var Test_Sessions */
	private $sessions;

	/** @var Test_Verifier */
	private $verifier;

	/** @var Client_Directory */
	private $clients;

	/** @var Code_Store */
	private $codes;

	/** @var Token_Store */
	private $tokens;

	/** @var Grant_Type */
	private $grant;

	/** @var callable(string):array<string,mixed> */
	private $userinfo;

	/** @var Transaction */
	private $transaction;

	/** @var Clock */
	private $clock;

	/** @var string */
	private $target_url;

	/**
	 * @param Grant_Type                           $grant    The token endpoint's `authorization_code` grant.
	 * @param callable(string):array<string,mixed> $userinfo UserInfo's claims for an access token.
	 */
	public function __construct( Test_Sessions $sessions, Test_Verifier $verifier, Client_Directory $clients, Code_Store $codes, Token_Store $tokens, Grant_Type $grant, callable $userinfo, Transaction $transaction, Clock $clock, string $target_url ) {
		$this->sessions    = $sessions;
		$this->verifier    = $verifier;
		$this->clients     = $clients;
		$this->codes       = $codes;
		$this->tokens      = $tokens;
		$this->grant       = $grant;
		$this->userinfo    = $userinfo;
		$this->transaction = $transaction;
		$this->clock       = $clock;
		$this->target_url  = $target_url;
	}

	/**
	 * @param Parameters $query The target's query string as the browser sent it.
	 * @return array<string,mixed> `status` `success` with the tokens and UserInfo, or `error`.
	 */
	public function run( Parameters $query, int $user_id ): array {
		try {
			$state = $query->get( 'state' );
		} catch ( OAuth_Error $unusable ) {
			$state = null;
		}
		$session = null === $state ? null : $this->sessions->take( $user_id, $state );
		if ( null === $session || ! $session->admits( $user_id, $session->client_id, $this->clock->now() ) ) {
			return self::failure( null, 'test_session_invalid', __( 'This Test sign-in is unknown, expired, already shown or was started by another administrator. Start a new one from the client’s screen.', 'keystone-oidc' ) );
		}
		$client = $this->clients->find( $session->client_id );
		if ( null === $client ) {
			return self::failure( null, 'invalid_client', __( 'The client no longer exists.', 'keystone-oidc' ) );
		}
		try {
			return $this->redeem( $client, $query, (string) $state, $session );
		} catch ( OAuth_Error $refused ) {
			return self::failure( $client, $refused->error_code(), $refused->description() );
		}
	}

	/**
	 * @return array<string,mixed>
	 */
	private function redeem( Client $client, Parameters $query, string $state, Test_Session $session ): array {
		$error = $query->get( 'error' );
		if ( null !== $error ) {
			return self::failure( $client, $error, (string) $query->get( 'error_description' ) );
		}
		$code = $query->get( 'code' );
		if ( null === $code ) {
			throw OAuth_Error::invalid_request( 'The authorization response carries no code' );
		}
		$stored   = $this->codes->find( Secret_Hash::hash( $code ) );
		$grant_id = null === $stored ? null : $stored->grant_id;
		$params   = Parameters::parse(
			Redirect_Url::encode(
				array(
					'grant_type'    => 'authorization_code',
					'code'          => $code,
					'redirect_uri'  => $this->target_url,
					'code_verifier' => $this->verifier->for_state( $state ),
				)
			)
		);
		$grant    = $this->grant;
		try {
			$issued = $this->transaction->run(
				static function () use ( $grant, $client, $params ): array {
					return $grant->execute( $client, $params );
				}
			);
			try {
				$userinfo = array( 'claims' => ( $this->userinfo )( (string) $issued['access_token'] ) );
			} catch ( OAuth_Error $refused ) {
				$userinfo = array(
					'error'             => $refused->error_code(),
					'error_description' => $refused->description(),
				);
			}
		} finally {
			if ( null !== $grant_id ) {
				$this->tokens->revoke_grant( $grant_id );
			}
		}
		return array(
			'status'   => 'success',
			'client'   => self::described( $client ),
			'nonce'    => $session->nonce,
			'tokens'   => array(
				'id_token'      => (string) ( $issued['id_token'] ?? '' ),
				'access_token'  => (string) $issued['access_token'],
				'token_type'    => (string) ( $issued['token_type'] ?? '' ),
				'expires_in'    => (int) ( $issued['expires_in'] ?? 0 ),
				'scope'         => (string) ( $issued['scope'] ?? '' ),
				'refresh_token' => isset( $issued['refresh_token'] ),
			),
			'userinfo' => $userinfo,
			'revoked'  => null !== $grant_id,
		);
	}

	/**
	 * @return array{client_id:string,name:string}
	 */
	private static function described( Client $client ): array {
		return array(
			'client_id' => $client->client_id,
			'name'      => $client->name,
		);
	}

	/**
	 * @return array<string,mixed>
	 */
	private static function failure( ?Client $client, string $error, string $description ): array {
		return array(
			'status'            => 'error',
			'client'            => null === $client ? null : self::described( $client ),
			'error'             => $error,
			'error_description' => $description,
		);
	}
}
