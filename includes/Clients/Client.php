<?php
declare(strict_types=1);

namespace Keystone_OIDC\Clients;

/**
 * A registered relying party. Plain data: validation lives in `Client_Input`, persistence in
 * `Storage\Client_Repository`, changes in `Client_Manager`.
 */
final class Client {
	const TYPE_CONFIDENTIAL = 'confidential';
	const TYPE_PUBLIC       = 'public';

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

	public function allows_scope( string $scope ): bool {
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
		return array_values( array_intersect( $granted, $this->scopes ) );
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
			'created_at'                   => $this->created_at,
			'updated_at'                   => $this->updated_at,
		);
	}
}
