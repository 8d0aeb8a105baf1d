<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

use Keystone_OIDC\Clients\Client;

/**
 * What a client gets for itself with client_credentials (RFC 6749 §4.4): no user, so no ID token
 * and no refresh token (§4.4.3), only an access token whose `sub` is the client (RFC 9068 §2.2).
 * Each such token is a family of its own, so revoking it ends nothing else.
 */
final class Client_Grant {
	/** @var Client */
	public $client;

	/** @var string[] */
	public $scopes;

	/** @var string[] RFC 8707 resources the access token is issued for (empty: the client itself). */
	public $resources;

	/** @var string */
	public $grant_id;

	/**
	 * @param string[] $scopes
	 * @param string[] $resources
	 */
	public function __construct( Client $client, array $scopes, array $resources, string $grant_id ) {
		$this->client    = $client;
		$this->scopes    = $scopes;
		$this->resources = $resources;
		$this->grant_id  = $grant_id;
	}
}
