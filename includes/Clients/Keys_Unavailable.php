<?php
declare(strict_types=1);

namespace Keystone_OIDC\Clients;

/**
 * A client's keys could not be had: none registered, or its `jwks_uri` did not answer with a
 * JWK Set. The message says which, in words fit for an administrator.
 */
final class Keys_Unavailable extends \RuntimeException {
}
