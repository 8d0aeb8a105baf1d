<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Storage\Client_Repository;

/**
 * The clients of `{prefix}oidc_clients`.
 */
final class Registered_Clients implements Client_Directory {
	public function find( string $client_id ): ?Client {
		return Client_Repository::find( $client_id );
	}
}
