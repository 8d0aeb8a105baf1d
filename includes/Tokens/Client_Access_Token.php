<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * An access token a client got for itself (client_credentials), alive: what `Access_Token` checks
 * of every access token, with no user, `sub` the client, and the client still allowed the grant
 * (an administrator switching it off ends its tokens at once, as turning off refresh tokens does).
 */
final class Client_Access_Token {
	/** @var Client */
	public $client;

	/** @var string The scope it is good for now. */
	public $scope;

	private function __construct( Client $client, string $scope ) {
		$this->client = $client;
		$this->scope  = $scope;
	}

	public static function of( Presented_Token $found ): self {
		$client = Access_Token::live_client( $found );
		$record = $found->record;
		if ( $record->has_user() || ! hash_equals( $client->client_id, (string) $found->claims['sub'] ) ) {
			throw OAuth_Error::invalid_token( 'The access token is invalid' );
		}
		if ( $client->is_public() || ! $client->allows_grant( Client::GRANT_CLIENT_CREDENTIALS ) ) {
			throw OAuth_Error::invalid_token( 'The client may no longer use client_credentials' );
		}
		return new self( $client, Scope::to_string( $client->current_scopes( $record->scopes() ) ) );
	}
}
