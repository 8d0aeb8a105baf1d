<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Grants\Grant_Type;
use Keystone_OIDC\Http\Method_Guard;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Http\Responder;
use Keystone_OIDC\Storage\Transaction;

/**
 * RFC 6749 §3.2: POST a form, authenticate the client, run the grant, answer JSON that no cache
 * keeps.
 */
final class Token implements Endpoint {
	/**
	 * Parameters that must appear at most once, checked before any is used. `resource` may be
	 * repeated (RFC 8707 §2).
	 */
	const SINGLE = array( 'grant_type', 'client_id', 'client_secret', 'code', 'redirect_uri', 'code_verifier', 'refresh_token', 'scope', 'client_assertion', 'client_assertion_type' );

	/** @var Client_Authentication */
	private $authentication;

	/** @var array<string,Grant_Type> */
	private $grants;

	/** @var Transaction */
	private $transaction;

	/**
	 * @param array<string,Grant_Type> $grants `grant_type` => the grant answering it.
	 */
	public function __construct( Client_Authentication $authentication, array $grants, Transaction $transaction ) {
		$this->authentication = $authentication;
		$this->grants         = $grants;
		$this->transaction    = $transaction;
	}

	public function handle( Request $request, string $name ): void {
		if ( ! Method_Guard::allow( $request, array( 'POST' ) ) ) {
			return;
		}
		$params = self::form_parameters( $request );
		$client = $this->authentication->authenticate( $request, $params, $name );
		$grant  = $this->grant_type( $params, $client );
		$tokens = $this->transaction->run(
			static function () use ( $grant, $client, $params ): array {
				return $grant->execute( $client, $params );
			}
		);
		do_action( 'keystone_oidc_token_granted', $client, (string) $params->get( 'grant_type' ), $tokens );
		Responder::json( 200, $tokens, array_merge( Responder::NO_STORE, Responder::cors() ) );
	}

	private static function form_parameters( Request $request ): Parameters {
		if ( ! $request->is_form() ) {
			throw OAuth_Error::invalid_request( 'The request body must be application/x-www-form-urlencoded' );
		}
		$params = $request->form();
		$params->assert_single( self::SINGLE );
		return $params;
	}

	private function grant_type( Parameters $params, Client $client ): Grant_Type {
		$grant_type = $params->get( 'grant_type' );
		if ( null === $grant_type ) {
			throw OAuth_Error::invalid_request( 'grant_type is required' );
		}
		if ( ! isset( $this->grants[ $grant_type ] ) ) {
			throw OAuth_Error::unsupported_grant_type( 'Supported grant types: ' . implode( ', ', array_keys( $this->grants ) ) );
		}
		if ( ! $client->allows_grant( $grant_type ) ) {
			throw OAuth_Error::unauthorized_client( 'This client may not use the grant type ' . $grant_type );
		}
		return $this->grants[ $grant_type ];
	}
}
