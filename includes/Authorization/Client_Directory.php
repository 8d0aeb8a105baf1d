<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

use Keystone_OIDC\Clients\Client;

/**
 * Finds a registered client by its exact `client_id` (`Registered_Clients` reads the table; the
 * tests keep clients in memory).
 */
interface Client_Directory {
	public function find( string $client_id ): ?Client;
}
