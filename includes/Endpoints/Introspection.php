<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Clock;
use Keystone_OIDC\Config;
use Keystone_OIDC\Grants\User_Check;
use Keystone_OIDC\Http\Method_Guard;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Http\Responder;
use Keystone_OIDC\Storage\Client_Repository;
use Keystone_OIDC\Tokens\Access_Token;
use Keystone_OIDC\Tokens\Presented_Token;
use Keystone_OIDC\Tokens\Token_Lookup;

/**
 * RFC 7662: a confidential client asks whether a token is active and what it carries. Public
 * clients prove nothing, so they may not ask (§2.1: the endpoint MUST keep token scanning out).
 *
 * A client sees a token only when the token was issued to it, or when it is an access token whose
 * `aud` names the client's `client_id` (a resource server registered as a client). Every other
 * token, like an unknown, expired, rotated or revoked one, is `{"active": false}` and nothing more
 * (§2.2), so no client learns about another client's tokens.
 *
 * An access token is active exactly when UserInfo would accept it; a refresh token exactly when the
 * refresh grant would redeem it.
 */
final class Introspection implements Endpoint {
	public function handle( Request $request, string $name ): void {
		if ( ! Method_Guard::allow( $request, array( 'POST' ) ) ) {
			return;
		}
		$presentation = Token_Presentation::from( $request, true );
		$found        = Token_Lookup::find( $presentation->token, $presentation->hint );
		$answer       = array( 'active' => false );
		if ( null !== $found && $found->is_visible_to( $presentation->client ) ) {
			$user = $found->is_access() ? self::access_token_user( $found ) : self::refresh_token_user( $found );
			if ( null !== $user ) {
				$answer = self::describe( $found, $user );
			}
		}
		Responder::json( 200, $answer, array_merge( Responder::NO_STORE, Responder::cors() ) );
	}

	/**
	 * The lookup verified the token; it is not verified again.
	 *
	 * @return \WP_User|null The token's user while the token is active.
	 */
	private static function access_token_user( Presented_Token $found ): ?\WP_User {
		try {
			return Access_Token::of( $found )->user;
		} catch ( OAuth_Error $inactive ) {
			return null;
		}
	}

	/**
	 * Only the client it was issued to sees a refresh token, so that client is the one to check.
	 *
	 * @return \WP_User|null The token's user while the token is active.
	 */
	private static function refresh_token_user( Presented_Token $found ): ?\WP_User {
		$row    = $found->row;
		$client = Client_Repository::find( $found->client_id() );
		if ( null === $client || ! $client->refresh_tokens || null !== $row['revoked_at'] || null !== $row['used_at'] || $row['expires_at'] <= Clock::now() ) {
			return null;
		}
		try {
			return User_Check::signed_in_user( (int) $row['user_id'], $client );
		} catch ( OAuth_Error $inactive ) {
			return null;
		}
	}

	/**
	 * RFC 7662 §2.2. A refresh token has no `aud` or `jti` to report: it is an opaque value that
	 * only ever comes back to this server.
	 *
	 * @return array<string,mixed>
	 */
	private static function describe( Presented_Token $found, \WP_User $user ): array {
		$row    = $found->row;
		$answer = array(
			'active'     => true,
			'scope'      => (string) $row['scope'],
			'client_id'  => $found->client_id(),
			'username'   => $user->user_login,
			'token_type' => $found->is_access() ? 'Bearer' : 'refresh_token',
			'exp'        => $row['expires_at'],
			'iat'        => $row['created_at'],
			'sub'        => (string) $row['user_id'],
			'iss'        => Config::issuer(),
		);
		if ( $found->is_access() ) {
			if ( isset( $found->claims['aud'] ) ) {
				$answer['aud'] = $found->claims['aud'];
			}
			$answer['jti'] = $found->claims['jti'];
		}
		return $answer;
	}
}
