<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Support;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Clients\Client_Key_Source;
use Keystone_OIDC\Clients\Keys_Unavailable;

/**
 * A client's keys as a test sets them: what the cache holds, and what a refetch of the
 * `jwks_uri` would find.
 */
final class Fixed_Client_Keys implements Client_Key_Source {
	/** @var array<int,array<string,mixed>>|null Null: the keys cannot be had. */
	public $keys;

	/** @var array<int,array<string,mixed>>|null What a refresh finds; null: the same keys. */
	public $after_refresh = null;

	/** @var int */
	public $refreshes = 0;

	/**
	 * @param array<int,array<string,mixed>>|null $keys
	 */
	public function __construct( ?array $keys ) {
		$this->keys = $keys;
	}

	public function keys( Client $client, bool $refresh = false ): array {
		if ( $refresh ) {
			++$this->refreshes;
			$this->keys = $this->after_refresh ?? $this->keys;
		}
		if ( null === $this->keys ) {
			throw new Keys_Unavailable( 'The jwks_uri answered with HTTP status 500.' );
		}
		return $this->keys;
	}
}
