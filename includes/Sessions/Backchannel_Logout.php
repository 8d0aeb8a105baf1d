<?php
declare(strict_types=1);

namespace Keystone_OIDC\Sessions;

use Keystone_OIDC\Clock;
use Keystone_OIDC\Container;
use Keystone_OIDC\Http\Outbound;
use Keystone_OIDC\Http\Responder;
use Keystone_OIDC\Storage\Client_Repository;
use Keystone_OIDC\Storage\Token_Repository;
use Keystone_OIDC\Tokens\Logout_Token;

/**
 * What ending a WordPress session means for the clients (OpenID Connect Back-Channel Logout 1.0):
 * every client that received tokens in that session gets a logout token at its
 * `backchannel_logout_uri`, and the tokens of that session are revoked, except a grant holding
 * `offline_access`, which OIDC Core §11 keeps usable while the user is signed out. Codes of that
 * session not yet redeemed are revoked too: redeemed later, they would start a grant for a session
 * that no longer exists, which no logout token would ever be sent for.
 *
 * A changed password (or an administrator logging the user out everywhere) ends every grant of the
 * user instead, `offline_access` ones included: whoever took over the account must not keep it
 * through a token the victim cannot see.
 */
final class Backchannel_Logout {
	/**
	 * Seconds one delivery may take (cURL's floor is one second). Delivery is not retried: a
	 * client that does not answer in time misses this logout.
	 */
	const TIMEOUT = 2;

	/**
	 * Sessions already handled in this request: `wp_logout` and the session meta both report one.
	 *
	 * @var array<string,true>
	 */
	private static $handled = array();

	/**
	 * Users whose every grant was already ended in this request (a reset fires two hooks).
	 *
	 * @var array<int,true>
	 */
	private static $users_ended = array();

	/**
	 * @var array<int,array{uri: string, token: string}>
	 */
	private static $outbox = array();

	/**
	 * @param string[] $sids
	 */
	public static function sessions_ended( int $user_id, array $sids ): void {
		$sids = array_values( array_diff( $sids, array_keys( self::$handled ) ) );
		if ( array() === $sids ) {
			return;
		}
		foreach ( $sids as $sid ) {
			self::$handled[ $sid ] = true;
		}
		self::end_safely( $user_id, $sids );
	}

	/**
	 * Ends every grant of the user, whatever session it came from and `offline_access` or not.
	 */
	public static function all_grants_ended( int $user_id ): void {
		if ( $user_id <= 0 || isset( self::$users_ended[ $user_id ] ) ) {
			return;
		}
		self::$users_ended[ $user_id ] = true;
		self::end_safely( $user_id, null );
	}

	/**
	 * @param string[]|null $sids Null: every session of the user.
	 */
	private static function end_safely( int $user_id, ?array $sids ): void {
		// Signing out of WordPress or changing a password must work even when this cannot: the
		// failure is only logged.
		try {
			self::end( $user_id, $sids );
		} catch ( \Throwable $failure ) {
			Responder::to_oauth_error( $failure );
		}
	}

	/**
	 * @param string[]|null $sids Null: every grant of the user, offline ones included.
	 */
	private static function end( int $user_id, ?array $sids ): void {
		$every_grant        = null === $sids;
		$sessions_by_client = array();
		$grants             = array();
		$offline            = array();
		$tokens             = Container::site()->token_store();
		foreach ( $tokens->unrevoked_for_user( $user_id ) as $token ) {
			$sid        = $token->sid();
			$in_session = is_string( $sid ) && ( $every_grant || in_array( $sid, $sids, true ) );
			if ( ! $in_session && ! $every_grant ) {
				continue;
			}
			if ( $in_session ) {
				$sessions_by_client[ $token->client_id ][ $sid ] = true;
			}
			$grants[ $token->grant_id ] = true;
			if ( ! $every_grant && Token_Repository::TYPE_REFRESH === $token->type() && in_array( 'offline_access', $token->scopes(), true ) ) {
				$offline[ $token->grant_id ] = true;
			}
		}
		foreach ( array_keys( array_diff_key( $grants, $offline ) ) as $grant_id ) {
			$tokens->revoke_grant( (string) $grant_id );
		}
		$now   = Clock::now();
		$codes = Container::site()->code_store();
		foreach ( $codes->unused_for_user( $user_id, $now ) as $code ) {
			$sid = $code->sid();
			if ( $every_grant || ( is_string( $sid ) && in_array( $sid, $sids, true ) ) ) {
				$codes->mark_replayed( $code->code_hash, $now );
			}
		}
		foreach ( $sessions_by_client as $client_id => $sessions ) {
			$client = Client_Repository::find( (string) $client_id );
			if ( null === $client || '' === $client->backchannel_logout_uri ) {
				continue;
			}
			foreach ( array_keys( $sessions ) as $sid ) {
				self::$outbox[] = array(
					'uri'   => $client->backchannel_logout_uri,
					'token' => Logout_Token::issue( $client, $user_id, (string) $sid ),
				);
			}
		}
		if ( array() !== self::$outbox && false === has_action( 'shutdown', array( self::class, 'deliver' ) ) ) {
			add_action( 'shutdown', array( self::class, 'deliver' ), 1000 );
		}
	}

	/**
	 * Posts the logout tokens once the response is complete. Why `shutdown`, not a cron event: a
	 * WP-Cron event runs only when some later visitor triggers it, which may be hours away on a
	 * quiet site, while a logout should reach the clients now. Under PHP-FPM
	 * `fastcgi_finish_request()` hands the browser its answer first, so no client, however slow,
	 * delays the sign-out; elsewhere the short timeout bounds what a slow client costs.
	 * Sent through `Http\Outbound`: https to public addresses only, unless the site allows the
	 * host as internal (`keystone_oidc_allowed_internal_hosts`).
	 */
	public static function deliver(): void {
		$outbox       = self::$outbox;
		self::$outbox = array();
		if ( function_exists( 'fastcgi_finish_request' ) ) {
			fastcgi_finish_request();
		}
		foreach ( $outbox as $message ) {
			Outbound::post(
				$message['uri'],
				array(
					'body'        => array( 'logout_token' => $message['token'] ),
					'timeout'     => self::TIMEOUT,
					'redirection' => 0,
					'blocking'    => false,
				)
			);
		}
	}
}
