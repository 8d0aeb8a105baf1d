<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

use Keystone_OIDC\Clients\Client;

/**
 * What a user authorized a client to receive, as a grant redeems it: from a code or from a
 * refresh token. Every token issued from it shares its `grant_id`.
 */
final class Grant {
	/**
	 * `auth_time` when WordPress cannot say when the user authenticated (no login session): the ID
	 * token then carries none, and `max_age` asks for a fresh login.
	 */
	const AUTH_TIME_UNKNOWN = 0;

	/** @var Client */
	public $client;

	/** @var \WP_User */
	public $user;

	/** @var string[] Scopes of the tokens issued now. */
	public $scopes;

	/** @var string[] Scopes the refresh token carries on (RFC 6749 §6: a narrowed refresh keeps the original). */
	public $refresh_scopes;

	/** @var string */
	public $grant_id;

	/** @var int Unix time of the user's login; `AUTH_TIME_UNKNOWN` when WordPress cannot say. */
	public $auth_time;

	/** @var string|null Only for the ID token of the code exchange. */
	public $nonce;

	/** @var string[] RFC 8707 resources the access token is issued for (empty: the client's default audience). */
	public $resources = array();

	/** @var string[] Resources the authorization request named, which the refresh token carries on (empty: none named). */
	public $refresh_resources = array();

	/**
	 * @var int|null When the grant's refresh tokens end whatever their rotation (no offline access);
	 * null when a new refresh token gets the full refresh lifetime.
	 */
	public $refresh_expires_at = null;
	/** @var string|null The WordPress session the grant was made in (`sid`). */
	public $sid = null;

	/**
	 * @param string[] $scopes
	 * @param string[] $refresh_scopes
	 */
	public function __construct( Client $client, \WP_User $user, array $scopes, array $refresh_scopes, string $grant_id, int $auth_time, ?string $nonce ) {
		$this->client         = $client;
		$this->user           = $user;
		$this->scopes         = $scopes;
		$this->refresh_scopes = $refresh_scopes;
		$this->grant_id       = $grant_id;
		$this->auth_time      = $auth_time;
		$this->nonce          = $nonce;
	}
}
