<?php
declare(strict_types=1);

namespace Keystone_OIDC\Resource;

use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Tokens\Access_Token;
use Keystone_OIDC\Tokens\Token_Lookup;

/**
 * The REST API as an OAuth 2.1 resource server for this provider's own access tokens: the one
 * verification (`Token_Lookup::access`, then `Access_Token::of` for its life, its user and its
 * client's current scopes), plus the audience rule: the token's `aud` must name the REST root URL,
 * so a token minted for another API (RFC 8707 `resource`) is never accepted here. The verdict is
 * kept for the request, since WordPress asks for the current user more than once.
 */
final class Bearer_Authentication {
	/** @var Token_Lookup */
	private $lookup;

	/** @var string The REST root URL: the resource a token must be meant for. */
	private $resource;

	/** @var string RFC 9728 metadata URL, named in every challenge. */
	private $metadata_url;

	/** @var Access_Token|null */
	private $token = null;

	/** @var string|null Why the presented token was refused; null while none was. */
	private $failure = null;

	/** @var string|null The scope a refused request lacked. */
	private $missing_scope = null;

	public function __construct( Token_Lookup $lookup, string $resource, string $metadata_url ) {
		$this->lookup       = $lookup;
		$this->resource     = $resource;
		$this->metadata_url = $metadata_url;
	}

	/**
	 * The token's user, judged once per request.
	 *
	 * @param string $authorization A header using the Bearer scheme.
	 */
	public function authenticate( string $authorization ): ?Access_Token {
		if ( null !== $this->token || null !== $this->failure ) {
			return $this->token;
		}
		try {
			$this->token = $this->verify( $authorization );
		} catch ( OAuth_Error $refused ) {
			$this->failure = $refused->description();
		}
		return $this->token;
	}

	public function token(): ?Access_Token {
		return $this->token;
	}

	public function failure(): ?string {
		return $this->failure;
	}

	/**
	 * Whether the authenticated token's scopes allow a request with this method; when not, the
	 * scope it lacks is kept for the challenge.
	 */
	public function allows( string $method ): bool {
		if ( null === $this->token || Rest_Scope_Policy::allows( Scope::parse( $this->token->scope ), $method ) ) {
			return true;
		}
		$this->missing_scope = Rest_Scope_Policy::required_scope( $method );
		return false;
	}

	/**
	 * The `WWW-Authenticate` value for a response of this status, or null when it needs none:
	 * 401 for a refused token (`invalid_token`) or for a request without credentials (RFC 6750
	 * §3.1: no error code), 403 for a scope the token lacks (`insufficient_scope`).
	 */
	public function challenge( int $status, bool $sent_credentials ): ?string {
		if ( 401 === $status && null !== $this->failure ) {
			return Bearer_Header::challenge(
				array(
					'error'             => 'invalid_token',
					'error_description' => $this->failure,
					'resource_metadata' => $this->metadata_url,
				)
			);
		}
		if ( 401 === $status && ! $sent_credentials ) {
			return Bearer_Header::challenge( array( 'resource_metadata' => $this->metadata_url ) );
		}
		if ( 403 === $status && null !== $this->missing_scope ) {
			return Bearer_Header::challenge(
				array(
					'error'             => 'insufficient_scope',
					'error_description' => 'The access token does not grant ' . $this->missing_scope,
					'scope'             => $this->missing_scope,
					'resource_metadata' => $this->metadata_url,
				)
			);
		}
		return null;
	}

	private function verify( string $authorization ): Access_Token {
		$token = Bearer_Header::token( $authorization );
		$found = null === $token ? null : $this->lookup->access( $token );
		if ( null === $found ) {
			throw OAuth_Error::invalid_token( 'The access token is invalid' );
		}
		$access = Access_Token::of( $found );
		if ( ! in_array( $this->resource, $found->audiences(), true ) ) {
			throw OAuth_Error::invalid_token( 'The access token is not meant for this REST API' );
		}
		return $access;
	}
}
