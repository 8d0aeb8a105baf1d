<?php
declare(strict_types=1);

namespace Keystone_OIDC\Test_Sign_In;

/**
 * One "Test sign-in" an administrator started for one client: the only thing that makes the
 * built-in redirect target (`Admin\Test_Sign_In_Page`) acceptable to the authorization endpoint.
 * It is found by the hash of its `state` (the state itself is never stored), belongs to the
 * administrator who started it and to one client, lives a few minutes and is taken once.
 */
final class Test_Session {
	/**
	 * Long enough to sign in again and answer the consent screen, short enough that a test URL
	 * left in a browser history is useless soon after.
	 */
	const LIFETIME = 600;

	/** @var int */
	public $user_id;

	/** @var string */
	public $client_id;

	/** @var string The ID token's expected `nonce` (not a secret: it travels in the URL). */
	public $nonce;

	/** @var int Unix time. */
	public $expires_at;

	public function __construct( int $user_id, string $client_id, string $nonce, int $expires_at ) {
		$this->user_id    = $user_id;
		$this->client_id  = $client_id;
		$this->nonce      = $nonce;
		$this->expires_at = $expires_at;
	}

	/**
	 * Whether this session lets `$user_id` test `$client_id` at `$now`: the same administrator,
	 * the same client, not expired. Anything else is a foreign or stale session.
	 */
	public function admits( int $user_id, string $client_id, int $now ): bool {
		return $this->user_id === $user_id
			&& hash_equals( $this->client_id, $client_id )
			&& $now < $this->expires_at;
	}

	/**
	 * @return array{user_id:int,client_id:string,nonce:string,expires_at:int}
	 */
	public function to_array(): array {
		return array(
			'user_id'    => $this->user_id,
			'client_id'  => $this->client_id,
			'nonce'      => $this->nonce,
			'expires_at' => $this->expires_at,
		);
	}

	/**
	 * @param mixed $stored
	 */
	public static function from_array( $stored ): ?self {
		if ( ! is_array( $stored ) || ! isset( $stored['user_id'], $stored['client_id'], $stored['nonce'], $stored['expires_at'] ) ) {
			return null;
		}
		return new self( (int) $stored['user_id'], (string) $stored['client_id'], (string) $stored['nonce'], (int) $stored['expires_at'] );
	}
}
