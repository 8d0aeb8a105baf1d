<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Grants\Required;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Request;

/**
 * The request revocation (RFC 7009 §2.1) and introspection (RFC 7662 §2.1) share: a form POST from
 * an authenticated client carrying `token` and an optional `token_type_hint`. The client is
 * authenticated before the token is looked at, as the token endpoint does.
 */
final class Token_Presentation {
	/**
	 * Parameters that must appear at most once, checked before any is used.
	 */
	const SINGLE = array( 'token', 'token_type_hint', 'client_id', 'client_secret', 'client_assertion', 'client_assertion_type' );

	/** @var Client */
	public $client;

	/** @var string */
	public $token;

	/** @var string|null */
	public $hint;

	private function __construct( Client $client, string $token, ?string $hint ) {
		$this->client = $client;
		$this->token  = $token;
		$this->hint   = $hint;
	}

	/**
	 * @param bool   $confidential_only Whether a public client (which proves nothing) is refused.
	 * @param string $endpoint          The `Router` name of the endpoint called.
	 */
	public static function from( Request $request, bool $confidential_only, Client_Authentication $authentication, string $endpoint ): self {
		if ( ! $request->is_form() ) {
			throw OAuth_Error::invalid_request( 'The request body must be application/x-www-form-urlencoded' );
		}
		$params = $request->form();
		$params->assert_single( self::SINGLE );
		$client = $authentication->authenticate( $request, $params, $endpoint );
		if ( $confidential_only && $client->is_public() ) {
			throw OAuth_Error::invalid_client( 'Only confidential clients may use this endpoint' );
		}
		return new self( $client, Required::get( $params, 'token' ), $params->get( 'token_type_hint' ) );
	}
}
