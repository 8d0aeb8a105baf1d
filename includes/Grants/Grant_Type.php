<?php
declare(strict_types=1);

namespace Keystone_OIDC\Grants;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Http\Parameters;

/**
 * One `grant_type` of the token endpoint. It receives an authenticated client and the form
 * parameters, and returns the token response or throws an `OAuth_Error`.
 */
interface Grant_Type {
	/**
	 * @return array<string,mixed>
	 */
	public function execute( Client $client, Parameters $params ): array;
}
