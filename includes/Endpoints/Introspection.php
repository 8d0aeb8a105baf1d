<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Config;
use Keystone_OIDC\Http\Method_Guard;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Http\Responder;
use Keystone_OIDC\Storage\Client_Repository;
use Keystone_OIDC\Time\Clock;
use Keystone_OIDC\Tokens\Access_Token;
use Keystone_OIDC\Tokens\Client_Access_Token;
use Keystone_OIDC\Tokens\Presented_Token;
use Keystone_OIDC\Tokens\Token_Lookup;
use Keystone_OIDC\Users\Allowed_Users;

/**
 * RFC 7662: a confidential client asks whether a token is active and what it carries. Public
 * clients prove nothing, so they may not ask (§2.1: the endpoint MUST keep token scanning out).
 *
 * A client sees a token only when the token was issued to it, or when it is an access token whose
 * `aud` names the client's `client_id` (a resource server registered as a client). Every other
 * token, like an unknown, expired, rotated or revoked one, is `{"active": false}` and nothing more
 * (§2.2), so no client learns about another client's tokens.
 *
 * An access token is active exactly when UserInfo would accept it, or, for a token a client got for
 * itself (client_credentials), when it is alive and its client may still use that grant; a refresh
 * token exactly when the refresh grant would redeem it. Either is described with the scope it is good for now: what it was
 * issued with that its client still has (an administrator may have narrowed the client since).
 */
final class Introspection implements Endpoint {
	/** @var Client_Authentication */
	private $authentication;

	/** @var Token_Lookup */
	private $lookup;

	/** @var Allowed_Users */
	private $users;

	/** @var Clock */
	private $clock;

	public function __construct( Client_Authentication $authentication, Token_Lookup $lookup, Allowed_Users $users, Clock $clock ) {
		$this->authentication = $authentication;
		$this->lookup         = $lookup;
		$this->users          = $users;
		$this->clock          = $clock;
	}

	public function handle( Request $request, string $name ): void {
		if ( ! Method_Guard::allow( $request, array( 'POST' ) ) ) {
			return;
		}
		$presentation = Token_Presentation::from( $request, true, $this->authentication, $name );
		$found        = $this->lookup->find( $presentation->token, $presentation->hint );
		$answer       = array( 'active' => false );
		if ( null !== $found && $found->is_visible_to( $presentation->client ) ) {
			$active = $found->is_access() ? self::active_access_token( $found ) : $this->active_refresh_token( $found );
			if ( null !== $active ) {
				$answer = self::describe( $found, $active['user'], $active['scope'] );
			}
		}
		Responder::json( 200, $answer, array_merge( Responder::NO_STORE, Responder::cors() ) );
	}

	/**
	 * The lookup verified the token; it is not verified again.
	 *
	 * @return array{user: \WP_User|null, scope: string}|null The token's user (none for a
	 *                                                       client_credentials token) and current
	 *                                                       scope while the token is active.
	 */
	private static function active_access_token( Presented_Token $found ): ?array {
		try {
			$access = $found->record->has_user() ? Access_Token::of( $found ) : Client_Access_Token::of( $found );
		} catch ( OAuth_Error $inactive ) {
			return null;
		}
		return array(
			'user'  => $access instanceof Access_Token ? $access->user : null,
			'scope' => $access->scope,
		);
	}

	/**
	 * Only the client it was issued to sees a refresh token, so that client is the one to check.
	 *
	 * @return array{user: \WP_User, scope: string}|null The token's user and current scope while the token is active.
	 */
	private function active_refresh_token( Presented_Token $found ): ?array {
		$record = $found->record;
		$client = Client_Repository::find( $found->client_id() );
		if ( null === $client || ! $client->refresh_tokens || ! $record->is_active( $this->clock->now() ) ) {
			return null;
		}
		$user = $this->users->find( $record->user_id, $client );
		if ( null === $user ) {
			return null;
		}
		return array(
			'user'  => $user,
			'scope' => Scope::to_string( $client->current_scopes( $record->scopes() ) ),
		);
	}

	/**
	 * RFC 7662 §2.2. A refresh token has no `aud` or `jti` to report: it is an opaque value that
	 * only ever comes back to this server. A client_credentials token has no user, so no
	 * `username`, and its `sub` is the client_id, as in the token itself.
	 *
	 * @return array<string,mixed>
	 */
	private static function describe( Presented_Token $found, ?\WP_User $user, string $scope ): array {
		$record = $found->record;
		$answer = array(
			'active'     => true,
			'scope'      => $scope,
			'client_id'  => $found->client_id(),
			'token_type' => $found->is_access() ? 'Bearer' : 'refresh_token',
			'exp'        => $record->expires_at,
			'iat'        => $record->created_at,
			'sub'        => null === $user ? $found->client_id() : (string) $record->user_id,
			'iss'        => Config::issuer(),
		);
		if ( null !== $user ) {
			$answer['username'] = $user->user_login;
		}
		if ( $found->is_access() ) {
			if ( isset( $found->claims['aud'] ) ) {
				$answer['aud'] = $found->claims['aud'];
			}
			$answer['jti'] = $found->claims['jti'];
		}
		return $answer;
	}
}
