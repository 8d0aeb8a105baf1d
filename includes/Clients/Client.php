<?php
declare(strict_types=1);

namespace Keystone_OIDC\Clients;

use Keystone_OIDC\Config;
use Keystone_OIDC\Resource\Rest_Scope_Policy;

/**
 * A registered relying party. Plain data: validation lives in `Client_Input`, persistence in
 * `Storage\Client_Repository`, changes in `Client_Manager`.
 */
final class Client {
	const TYPE_CONFIDENTIAL = 'confidential';
	const TYPE_PUBLIC       = 'public';

	const GRANT_AUTHORIZATION_CODE = 'authorization_code';
	const GRANT_REFRESH_TOKEN      = 'refresh_token';
	const GRANT_CLIENT_CREDENTIALS = 'client_credentials';
	const GRANT_DEVICE_CODE        = 'urn:ietf:params:oauth:grant-type:device_code';

	const GRANT_TYPES = array( self::GRANT_AUTHORIZATION_CODE, self::GRANT_REFRESH_TOKEN, self::GRANT_CLIENT_CREDENTIALS, self::GRANT_DEVICE_CODE );

	const AUTH_NONE         = 'none';
	const AUTH_SECRET_BASIC = 'client_secret_basic';
	const AUTH_SECRET_POST  = 'client_secret_post';
	const AUTH_SECRET_JWT   = 'client_secret_jwt';
	const AUTH_PRIVATE_KEY  = 'private_key_jwt';
	const AUTH_METHODS      = array( self::AUTH_SECRET_BASIC, self::AUTH_SECRET_POST, self::AUTH_SECRET_JWT, self::AUTH_PRIVATE_KEY, self::AUTH_NONE );

	const REST_NONE  = 'none';
	const REST_READ  = 'read';
	const REST_WRITE = 'write';

	const SOURCE_ADMIN   = 'admin';
	const SOURCE_CODE    = 'code';
	const SOURCE_DYNAMIC = 'dynamic';

	/** @var string */
	public $client_id = '';

	/** @var string */
	public $name = '';

	/** @var string 'confidential' or 'public' */
	public $type = self::TYPE_CONFIDENTIAL;

	/** @var string[] */
	public $redirect_uris = array();

	/** @var string[] Always includes `openid`. */
	public $scopes = array( 'openid' );

	/** @var string[] */
	public $post_logout_redirect_uris = array();

	/** @var string */
	public $backchannel_logout_uri = '';

	/** @var string[] */
	public $audiences = array();

	/** @var string[] Role slugs; empty means every role may sign in. */
	public $allowed_roles = array();

	/** @var bool */
	public $skip_consent = false;

	/**
	 * @var bool Whether `skip_consent` covers `offline_access` too. Off by default: OIDC Core §11
	 *           asks for the user's own consent to a grant that outlives the sign-in.
	 */
	public $skip_consent_offline_access = false;

	/** @var bool */
	public $refresh_tokens = true;

	/** @var string 'RS256' or 'ES256' */
	public $id_token_signed_response_alg = 'RS256';

	/**
	 * @var string[] RFC 7591 `grant_types`: which grants the token endpoint accepts from this client.
	 *               `refresh_token` is here exactly when `refresh_tokens` is on (`Client_Input` keeps
	 *               the two in step).
	 */
	public $grant_types = array( self::GRANT_AUTHORIZATION_CODE, self::GRANT_REFRESH_TOKEN );

	/**
	 * @var string RFC 7591 `token_endpoint_auth_method`: `none` for public clients; for confidential
	 *             ones `client_secret_basic` (default), `client_secret_post`, `client_secret_jwt` or
	 *             `private_key_jwt`.
	 */
	public $token_endpoint_auth_method = self::AUTH_SECRET_BASIC;

	/** @var array<string,mixed>|null A JWK Set (`{"keys": [...]}`) for `private_key_jwt`, or null. */
	public $jwks = null;

	/** @var string An https URI serving the JWK Set for `private_key_jwt`, or ''. */
	public $jwks_uri = '';

	/** @var string The most its tokens may do with the WordPress REST API: 'none', 'read' or 'write'. */
	public $rest_access = self::REST_NONE;

	/** @var string Who made it: 'admin' (screen or REST API), 'code' (declared in code), 'dynamic' (RFC 7591). */
	public $source = self::SOURCE_ADMIN;

	/** @var string|null `Crypto\Secret_Hash::hash()` of the secret; null for public clients. */
	public $secret_hash = null;

	/**
	 * @var string|null The password hash Keystone OIDC 2.x stored for the secret, until the secret's
	 *                  first successful use replaces it by `secret_hash` (`Upgrade\Legacy_Client_Secret`).
	 */
	public $legacy_secret_hash = null;

	/** @var string ISO 8601, UTC. */
	public $created_at = '';

	/** @var string ISO 8601, UTC. */
	public $updated_at = '';

	public function is_public(): bool {
		return self::TYPE_PUBLIC === $this->type;
	}

	public function allows_grant( string $grant_type ): bool {
		return in_array( $grant_type, $this->grant_types, true );
	}

	/**
	 * The REST API's scopes (`wordpress:read`, `wordpress:write`) are governed by `rest_access`
	 * alone, the ceiling the administrator sets; every other scope by the client's `scopes`.
	 */
	public function allows_scope( string $scope ): bool {
		if ( Rest_Scope_Policy::is_rest_scope( $scope ) ) {
			return Rest_Scope_Policy::within_ceiling( $scope, $this->rest_access );
		}
		return in_array( $scope, $this->scopes, true );
	}

	/**
	 * What a grant issued earlier may still carry: its scopes that the client still has. An
	 * administrator narrowing a client acts at the next refresh and at UserInfo, as a removed
	 * audience (`Resource_Indicator::for_tokens`) and a removed role (`allows_roles`) do.
	 *
	 * @param string[] $granted
	 * @return string[]
	 */
	public function current_scopes( array $granted ): array {
		return array_values( array_filter( $granted, array( $this, 'allows_scope' ) ) );
	}

	/**
	 * RFC 8707 resources its tokens may be issued for: its registered audiences and, when its
	 * `rest_access` lets it use the REST API at all, the REST root URL.
	 *
	 * @return string[]
	 */
	public function permitted_resources(): array {
		if ( self::REST_NONE === $this->rest_access ) {
			return $this->audiences;
		}
		return array_values( array_unique( array_merge( $this->audiences, array( Config::rest_resource() ) ) ) );
	}

	public function allows_redirect_uri( string $uri ): bool {
		return in_array( $uri, $this->redirect_uris, true );
	}

	public function allows_post_logout_redirect_uri( string $uri ): bool {
		return in_array( $uri, $this->post_logout_redirect_uris, true );
	}

	/**
	 * Whether a user with these roles may sign in to this client.
	 *
	 * @param string[] $roles
	 */
	public function allows_roles( array $roles ): bool {
		return array() === $this->allowed_roles || array() !== array_intersect( $this->allowed_roles, $roles );
	}

	/**
	 * The contract's `Client`: never the secret or its hash.
	 *
	 * @return array<string,mixed>
	 */
	public function to_array(): array {
		return array(
			'client_id'                    => $this->client_id,
			'name'                         => $this->name,
			'type'                         => $this->type,
			'redirect_uris'                => array_values( $this->redirect_uris ),
			'scopes'                       => array_values( $this->scopes ),
			'post_logout_redirect_uris'    => array_values( $this->post_logout_redirect_uris ),
			'backchannel_logout_uri'       => $this->backchannel_logout_uri,
			'audiences'                    => array_values( $this->audiences ),
			'allowed_roles'                => array_values( $this->allowed_roles ),
			'skip_consent'                 => $this->skip_consent,
			'skip_consent_offline_access'  => $this->skip_consent_offline_access,
			'refresh_tokens'               => $this->refresh_tokens,
			'id_token_signed_response_alg' => $this->id_token_signed_response_alg,
			'grant_types'                  => array_values( $this->grant_types ),
			'token_endpoint_auth_method'   => $this->token_endpoint_auth_method,
			'jwks'                         => $this->jwks,
			'jwks_uri'                     => $this->jwks_uri,
			'rest_access'                  => $this->rest_access,
			'source'                       => $this->source,
			'created_at'                   => $this->created_at,
			'updated_at'                   => $this->updated_at,
		);
	}
}
