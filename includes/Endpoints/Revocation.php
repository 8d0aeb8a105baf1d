<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Http\Method_Guard;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Http\Responder;
use Keystone_OIDC\Storage\Token_Store;
use Keystone_OIDC\Tokens\Token_Lookup;

/**
 * RFC 7009: a client ends a token it holds. A refresh token ends its whole family (every access and
 * refresh token of the grant, §2.1: "SHOULD also invalidate all access tokens based on the same
 * authorization grant"); an access token ends alone. A token that is unknown, already dead or
 * issued to another client is left as it is, and the answer is the same 200 (§2.2), so the
 * endpoint tells nobody whether a string is a live token.
 */
final class Revocation implements Endpoint {
	/** @var Client_Authentication */
	private $authentication;

	/** @var Token_Lookup */
	private $lookup;

	/** @var Token_Store */
	private $tokens;

	public function __construct( Client_Authentication $authentication, Token_Lookup $lookup, Token_Store $tokens ) {
		$this->authentication = $authentication;
		$this->lookup         = $lookup;
		$this->tokens         = $tokens;
	}

	public function handle( Request $request, string $name ): void {
		if ( ! Method_Guard::allow( $request, array( 'POST' ) ) ) {
			return;
		}
		$presentation = Token_Presentation::from( $request, false, $this->authentication, $name );
		$found        = $this->lookup->find( $presentation->token, $presentation->hint );
		if ( null !== $found && $found->was_issued_to( $presentation->client ) ) {
			if ( $found->is_access() ) {
				$this->tokens->revoke_access( $found->record->token_hash );
			} else {
				$this->tokens->revoke_grant( $found->record->grant_id );
			}
		}
		Responder::empty_body( 200, array_merge( Responder::NO_STORE, Responder::cors() ) );
	}
}
