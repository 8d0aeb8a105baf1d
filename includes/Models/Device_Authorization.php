<?php
declare(strict_types=1);

namespace Keystone_OIDC\Models;

use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Clients\Client;

/**
 * One device authorization request (RFC 8628 §3.1) as stored: the hashes of its device code and
 * user code, what the device asked for, and where the user's decision stands. It moves from
 * `pending` to `approved` or `denied` once (on the verification page), and from `approved` to
 * `redeemed` once (at the token endpoint).
 */
final class Device_Authorization {
	const PENDING  = 'pending';
	const APPROVED = 'approved';
	const DENIED   = 'denied';
	const REDEEMED = 'redeemed';

	/** RFC 8628 §3.5: a device polling too fast waits this much longer from then on. */
	const SLOW_DOWN_STEP = 5;

	/** @var string `Crypto\Secret_Hash` of the device code. */
	public $device_code_hash = '';

	/** @var string `Device\User_Code::hash` of the normalised user code. */
	public $user_code_hash = '';

	/** @var string */
	public $client_id = '';

	/** @var string Space-separated, as granted. */
	public $scope = '';

	/** @var string[] RFC 8707 resources the request named (empty: none). */
	public $resources = array();

	/** @var string */
	public $status = self::PENDING;

	/** @var int|null Who decided, once someone has. */
	public $user_id = null;

	/** @var int|null That user's login time (`Tokens\Grant::AUTH_TIME_UNKNOWN` when unknown). */
	public $auth_time = null;

	/** @var string The family of every token this authorization buys. */
	public $grant_id = '';

	/** @var int Seconds the device must wait between two polls. */
	public $poll_interval = 5;

	/** @var int|null */
	public $last_polled_at = null;

	/** @var int */
	public $expires_at = 0;

	/** @var int */
	public $created_at = 0;

	/**
	 * @param array<string,mixed> $row Column => value, numbers as integers, `resources` decoded.
	 */
	public static function from_row( array $row ): self {
		$authorization = new self();
		foreach ( array_keys( get_object_vars( $authorization ) ) as $name ) {
			if ( array_key_exists( $name, $row ) ) {
				$authorization->$name = $row[ $name ];
			}
		}
		return $authorization;
	}

	public function is_expired( int $now ): bool {
		return $this->expires_at <= $now;
	}

	public function belongs_to( Client $client ): bool {
		return hash_equals( $this->client_id, $client->client_id );
	}

	/**
	 * RFC 8628 §3.5: whether this poll came sooner than the interval after the previous one.
	 */
	public function is_polled_too_soon( int $now ): bool {
		return null !== $this->last_polled_at && $now - $this->last_polled_at < $this->poll_interval;
	}

	/**
	 * Whether the user can still approve or deny it on the verification page.
	 */
	public function awaits_decision( int $now ): bool {
		return self::PENDING === $this->status && ! $this->is_expired( $now );
	}

	/**
	 * @return string[]
	 */
	public function scopes(): array {
		return Scope::parse( $this->scope );
	}
}
