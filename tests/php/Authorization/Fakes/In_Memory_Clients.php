<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Authorization\Fakes;

use Keystone_OIDC\Authorization\Client_Directory;
use Keystone_OIDC\Clients\Client;

final class In_Memory_Clients implements Client_Directory {
	/** @var array<string,Client> */
	private $clients = array();

	public function add( Client $client ): void {
		$this->clients[ $client->client_id ] = $client;
	}

	public function remove( string $client_id ): void {
		unset( $this->clients[ $client_id ] );
	}

	public function find( string $client_id ): ?Client {
		return isset( $this->clients[ $client_id ] ) ? clone $this->clients[ $client_id ] : null;
	}
}
