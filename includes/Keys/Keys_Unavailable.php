<?php
declare(strict_types=1);

namespace Keystone_OIDC\Keys;

/**
 * No signing key exists and none can be made now (OpenSSL refused: a host without a usable
 * configuration, a broken extension), or the one there is cannot be used (`Key_Unavailable`).
 * A state of the server, not of the request: protocol endpoints answer `temporarily_unavailable`
 * (503), the admin REST API `keystone_oidc_keys_unavailable`.
 */
class Keys_Unavailable extends \RuntimeException {
}
