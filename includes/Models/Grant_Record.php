<?php
declare(strict_types=1);

namespace Keystone_OIDC\Models;

use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Clients\Client;

/**
 * What codes and tokens share as stored: a member of one grant (its `grant_id` family), issued to a
 * client for a user, with a scope and an expiry, found only by the hash of its value.
 */
abstract class Grant_Record {
	/**
	 * `user_id` of a token a client got for itself (client_credentials): WordPress numbers its
	 * users from 1, so 0 is nobody.
	 */
	const NO_USER = 0;

	/** @var string The family: every code and token descending from one authorization. */
	public $grant_id = '';

	/** @var string */
	public $client_id = '';

	/** @var int */
	public $user_id = 0;

	/** @var string Space-separated, as issued. */
	public $scope = '';

	/** @var int */
	public $expires_at = 0;

	/** @var int|null When a code was redeemed or a refresh token rotated. */
	public $used_at = null;

	/** @var int|null */
	public $revoked_at = null;

	/** @var int */
	public $created_at = 0;

	/** @var Grant_Data */
	public $data;

	final public function __construct() {
		$this->data = new Grant_Data();
	}

	/**
	 * Whether it is still good for what it was issued for.
	 */
	abstract public function is_active( int $now ): bool;

	/**
	 * @param array<string,mixed> $row Column => value, times as integers, `data` decoded.
	 * @return static
	 */
	public static function from_row( array $row ): self {
		$record = new static();
		foreach ( array_keys( get_object_vars( $record ) ) as $name ) {
			if ( 'data' === $name ) {
				$record->data = new Grant_Data( is_array( $row['data'] ?? null ) ? $row['data'] : array() );
			} elseif ( array_key_exists( $name, $row ) ) {
				$record->$name = $row[ $name ];
			}
		}
		return $record;
	}

	public function is_expired( int $now ): bool {
		return $this->expires_at <= $now;
	}

	public function is_revoked(): bool {
		return null !== $this->revoked_at;
	}

	/**
	 * Whether a user granted it; a client_credentials token has none.
	 */
	public function has_user(): bool {
		return self::NO_USER !== $this->user_id;
	}

	public function belongs_to( Client $client ): bool {
		return hash_equals( $this->client_id, $client->client_id );
	}

	/**
	 * @return string[]
	 */
	public function scopes(): array {
		return Scope::parse( $this->scope );
	}

	/**
	 * @return string[] The resources the authorization request named (empty: none).
	 */
	public function resources(): array {
		return $this->data->resources();
	}

	/**
	 * The WordPress session (`sid`) the grant was made in, when it was made in one.
	 */
	public function sid(): ?string {
		return $this->data->sid();
	}
}
