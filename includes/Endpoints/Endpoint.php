<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Http\Request;

/**
 * A protocol endpoint. `handle` writes the whole response through `Http\Responder`; an
 * `OAuth_Error` or any other failure it lets escape is answered by the router as JSON.
 */
interface Endpoint {
	public function handle( Request $request, string $name ): void;
}
