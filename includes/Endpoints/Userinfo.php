<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Http\Method_Guard;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Http\Responder;
use Keystone_OIDC\Resource\Bearer_Header;
use Keystone_OIDC\Tokens\Access_Token;
use Keystone_OIDC\Tokens\Claims;

/**
 * OIDC Core §5.3: the claims of the access token's user, by the token's scope. The token comes as
 * a Bearer header or a form-body `access_token` (RFC 6750 §2.1, §2.2), never in the query string
 * (RFC 6750 §2.3 is not offered: URLs end up in logs). A token in the query is refused like any
 * token this endpoint does not accept: 401 `invalid_token` with a Bearer challenge, whatever else
 * the request carries.
 */
final class Userinfo implements Endpoint {
	public function handle( Request $request, string $name ): void {
		if ( ! Method_Guard::allow( $request, array( 'GET', 'POST' ) ) ) {
			return;
		}
		Responder::json( 200, self::claims( self::presented_token( $request ) ), array_merge( Responder::NO_STORE, Responder::cors() ) );
	}

	/**
	 * What UserInfo answers for this access token (also what Test sign-in shows).
	 *
	 * @return array<string,mixed>
	 * @throws OAuth_Error invalid_token when the token is not alive.
	 */
	public static function claims( string $token ): array {
		$access = Access_Token::verify( $token );
		return Claims::for_user( $access->user, Scope::parse( $access->scope ), $access->client );
	}

	/**
	 * RFC 6750 §2: exactly one method; several are `invalid_request`.
	 */
	private static function presented_token( Request $request ): string {
		if ( $request->query()->has_name( 'access_token' ) ) {
			throw OAuth_Error::invalid_token( 'The access token must not be sent in the query string' );
		}
		$authorization = $request->header( 'authorization' );
		$form          = $request->form();
		$body_token    = $form->get( 'access_token' );
		$tokens        = array();
		if ( null !== $authorization && '' !== $authorization ) {
			$header_token = Bearer_Header::token( $authorization );
			if ( null === $header_token ) {
				throw OAuth_Error::invalid_token( 'The Authorization header is not a Bearer token' );
			}
			$tokens[] = $header_token;
		}
		if ( null !== $body_token ) {
			$tokens[] = $body_token;
		}
		if ( count( $tokens ) > 1 ) {
			throw OAuth_Error::invalid_request( 'Send the access token by one method only' );
		}
		if ( ! $tokens ) {
			throw OAuth_Error::invalid_token( 'No access token was sent', false );
		}
		return $tokens[0];
	}
}
