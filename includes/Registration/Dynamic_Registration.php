<?php
declare(strict_types=1);

namespace Keystone_OIDC\Registration;

/**
 * What RFC 7591/7592 adds to a client it registered. Plain data, stored by
 * `Storage\Registration_Repository`.
 */
final class Dynamic_Registration {
	/** @var string */
	public $client_id = '';

	/** @var string `Crypto\Secret_Hash` of the registration access token. */
	public $token_hash = '';

	/** @var string The id of the initial access token used; '' for open registration. */
	public $registered_by = '';

	/** @var int Unix time. */
	public $registered_at = 0;

	/** @var int Unix time of the last token issued to it (at most a day stale). */
	public $last_used_at = 0;
}
