<?php
declare(strict_types=1);

namespace Keystone_OIDC\Activity;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Container;
use Keystone_OIDC\Crypto\Jws;
use Keystone_OIDC\Endpoints\Client_Assertion;
use Keystone_OIDC\Http\Basic_Credentials;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Models\Stored_Token;

/**
 * Turns the plugin's public actions (see docs/activity-log.md) into activity log entries. Adding
 * the hooks builds nothing and queries nothing; the log is asked for only when an action fires.
 */
final class Activity_Listener {
	/**
	 * The back-channel endpoints a client authenticates to (`Router` names): an `invalid_client`
	 * from one of them is a failed client authentication. The authorization endpoint's unknown
	 * client is an error shown to the browser, not an authentication.
	 */
	const AUTHENTICATED_ENDPOINTS = array( 'token', 'keycloak-token', 'introspection', 'revocation', 'device-authorization' );

	/**
	 * Gives the container of the site current when an event fires: a request that switches sites
	 * (multisite, `switch_blog` resets the container) must not log through the container built at
	 * boot.
	 *
	 * @var callable():Container
	 */
	private $container;

	/**
	 * @param callable():Container $container
	 */
	public function __construct( callable $container ) {
		$this->container = $container;
	}

	public function add_hooks(): void {
		add_action( 'keystone_oidc_signed_in', array( $this, 'signed_in' ), 10, 3 );
		add_action( 'keystone_oidc_consent_given', array( $this, 'consent_given' ), 10, 3 );
		add_action( 'keystone_oidc_consent_revoked', array( $this, 'consent_revoked' ), 10, 2 );
		add_action( 'keystone_oidc_token_granted', array( $this, 'token_granted' ), 10, 3 );
		add_action( 'keystone_oidc_endpoint_failed', array( $this, 'endpoint_failed' ), 10, 2 );
		add_action( 'keystone_oidc_refresh_token_reused', array( $this, 'refresh_token_reused' ) );
		add_action( 'keystone_oidc_keys_rotated', array( $this, 'keys_rotated' ) );
		add_action( 'keystone_oidc_client_changed', array( $this, 'client_changed' ), 10, 2 );
	}

	/**
	 * @param string[] $scopes
	 */
	public function signed_in( Client $client, int $user_id, array $scopes ): void {
		$this->log()->record( Activity_Log::SIGN_IN, $client->client_id, $user_id, array( 'scopes' => array_values( $scopes ) ) );
	}

	/**
	 * @param string[] $scopes The scopes the user just allowed.
	 */
	public function consent_given( int $user_id, string $client_id, array $scopes ): void {
		$this->log()->record( Activity_Log::CONSENT_GIVEN, $client_id, $user_id, array( 'scopes' => array_values( $scopes ) ) );
	}

	/**
	 * `by` tells the user's own revocation (profile) from an administrator's.
	 */
	public function consent_revoked( int $user_id, string $client_id ): void {
		$this->log()->record( Activity_Log::CONSENT_REVOKED, $client_id, $user_id, array( 'by' => get_current_user_id() ) );
	}

	/**
	 * The response is read for its `scope` and for the `sub` of the ID token just signed (the user;
	 * client_credentials has no ID token and no user); no token is stored.
	 *
	 * @param array<string,mixed> $response The token response.
	 */
	public function token_granted( Client $client, string $grant_type, array $response ): void {
		$event   = 'refresh_token' === $grant_type ? Activity_Log::TOKEN_REFRESHED : Activity_Log::TOKEN_GRANTED;
		$details = array(
			'grant_type'    => $grant_type,
			'scope'         => isset( $response['scope'] ) ? (string) $response['scope'] : '',
			'refresh_token' => isset( $response['refresh_token'] ),
		);
		$this->log()->record( $event, $client->client_id, self::token_user( $response ), $details );
	}

	/**
	 * @param \Throwable $failure  What the endpoint failed with.
	 * @param string     $endpoint The `Router` name of the endpoint.
	 */
	public function endpoint_failed( \Throwable $failure, string $endpoint ): void {
		if ( ! $failure instanceof OAuth_Error || 'invalid_client' !== $failure->error_code() || ! in_array( $endpoint, self::AUTHENTICATED_ENDPOINTS, true ) ) {
			return;
		}
		list( $client_id, $method ) = self::claimed_client( Request::from_globals() );
		$details                    = array(
			'endpoint' => $endpoint,
			'method'   => $method,
			'reason'   => $failure->description(),
		);
		$this->log()->record( Activity_Log::CLIENT_AUTH_FAILED, $client_id, 0, $details );
	}

	public function refresh_token_reused( Stored_Token $token ): void {
		$this->log()->record( Activity_Log::REFRESH_TOKEN_REUSED, $token->client_id, $token->user_id );
	}

	/**
	 * By an administrator (REST, WP-CLI with `--user`) or by nobody (user 0: a scheduled rotation).
	 */
	public function keys_rotated( string $kid ): void {
		$this->log()->record( Activity_Log::KEYS_ROTATED, '', get_current_user_id(), array( 'kid' => $kid ) );
	}

	/**
	 * @param string $change `created`, `updated`, `deleted` or `secret_reset`.
	 */
	public function client_changed( string $change, string $client_id ): void {
		$event = 'client_' . $change;
		if ( in_array( $event, Activity_Log::EVENTS, true ) ) {
			$this->log()->record( $event, $client_id, get_current_user_id() );
		}
	}

	private function log(): Activity_Log {
		return ( $this->container )()->activity_log();
	}

	/**
	 * @param array<string,mixed> $response
	 */
	private static function token_user( array $response ): int {
		$parts = isset( $response['id_token'] ) && is_string( $response['id_token'] ) ? Jws::decode( $response['id_token'] ) : null;
		$sub   = null === $parts ? null : ( $parts['payload']['sub'] ?? null );
		return is_string( $sub ) && ctype_digit( $sub ) ? (int) $sub : 0;
	}

	/**
	 * Who the failed request said it was and how it tried: read again from the request, never
	 * keeping the secret or the assertion.
	 *
	 * @return array{0:string,1:string} The claimed client_id ('' when none) and the method.
	 */
	private static function claimed_client( Request $request ): array {
		$params        = $request->form();
		$authorization = $request->header( 'authorization' );
		if ( $params->has_name( 'client_assertion' ) ) {
			$assertion = (string) $params->get( 'client_assertion' );
			return array( (string) ( $params->get( 'client_id' ) ?? Client_Assertion::claimed_client_id( $assertion ) ?? '' ), 'client_assertion' );
		}
		if ( Basic_Credentials::is_basic( $authorization ) ) {
			try {
				return array( Basic_Credentials::parse( (string) $authorization )->client_id, Client::AUTH_SECRET_BASIC );
			} catch ( OAuth_Error $malformed ) {
				return array( '', Client::AUTH_SECRET_BASIC );
			}
		}
		$method = null === $params->get( 'client_secret' ) ? Client::AUTH_NONE : Client::AUTH_SECRET_POST;
		return array( (string) ( $params->get( 'client_id' ) ?? '' ), $method );
	}
}
