<?php
declare(strict_types=1);

namespace Keystone_OIDC\Keys;

/**
 * No signing key exists and none can be made now (OpenSSL refused: a host without a usable
 * configuration, a broken extension). A state of the server, not of the request: protocol
 * endpoints answer `temporarily_unavailable` (503), the admin REST API `keystone_oidc_keys_unavailable`.
 */
final class Keys_Unavailable extends \RuntimeException {
}
