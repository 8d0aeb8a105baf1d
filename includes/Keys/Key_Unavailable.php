<?php
declare(strict_types=1);

namespace Keystone_OIDC\Keys;

/**
 * The current signing key exists but cannot be used: its private half does not decrypt with this
 * site's salts (they changed, or this web server has other salts than the one that made it), or the
 * key set could not be locked for a change. Never answered by silently making a new key, which
 * would hide the problem and, on a node with other salts, replace the key every other node uses.
 * Protocol endpoints answer 503 `temporarily_unavailable`; the admin sees `Admin\Key_Notice`.
 */
final class Key_Unavailable extends Keys_Unavailable {
}
