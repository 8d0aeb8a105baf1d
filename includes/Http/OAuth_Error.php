<?php
declare(strict_types=1);

namespace Keystone_OIDC\Http;

/**
 * The one protocol error family. Carries the HTTP status, the OAuth `error` code, a description
 * safe to show the client, and a private detail that is only logged. Only `Responder` turns it
 * into a response.
 */
final class OAuth_Error extends \RuntimeException {
	/** @var int */
	private $status;

	/** @var string */
	private $error_code;

	/** @var string */
	private $description;

	/** @var array<string,string> */
	private $headers;

	/**
	 * @param array<string,string> $headers Extra response headers (e.g. `WWW-Authenticate`).
	 */
	public function __construct( string $error_code, string $description, int $status = 400, array $headers = array(), string $detail = '' ) {
		parent::__construct( '' !== $detail ? $detail : $description );
		$this->error_code  = $error_code;
		$this->description = $description;
		$this->status      = $status;
		$this->headers     = $headers;
	}

	public function status(): int {
		return $this->status;
	}

	public function error_code(): string {
		return $this->error_code;
	}

	public function description(): string {
		return $this->description;
	}

	/**
	 * @return array<string,string>
	 */
	public function headers(): array {
		return $this->headers;
	}

	public static function invalid_request( string $description ): self {
		return new self( 'invalid_request', $description );
	}

	/**
	 * RFC 6749 §5.2: 401 with a `WWW-Authenticate` challenge for the scheme the client can use.
	 */
	public static function invalid_client( string $description ): self {
		return new self( 'invalid_client', $description, 401, array( 'WWW-Authenticate' => 'Basic realm="keystone-oidc"' ) );
	}

	public static function invalid_grant( string $description ): self {
		return new self( 'invalid_grant', $description );
	}

	public static function unauthorized_client( string $description ): self {
		return new self( 'unauthorized_client', $description );
	}

	public static function unsupported_grant_type( string $description ): self {
		return new self( 'unsupported_grant_type', $description );
	}

	public static function invalid_scope( string $description ): self {
		return new self( 'invalid_scope', $description );
	}

	/**
	 * RFC 8707 §2: a `resource` that is malformed or that the client may not have tokens for.
	 */
	public static function invalid_target( string $description ): self {
		return new self( 'invalid_target', $description );
	}

	public static function access_denied( string $description ): self {
		return new self( 'access_denied', $description, 403 );
	}

	public static function unsupported_response_type( string $description ): self {
		return new self( 'unsupported_response_type', $description );
	}

	public static function request_not_supported( string $description ): self {
		return new self( 'request_not_supported', $description );
	}

	public static function request_uri_not_supported( string $description ): self {
		return new self( 'request_uri_not_supported', $description );
	}

	public static function login_required( string $description ): self {
		return new self( 'login_required', $description );
	}

	public static function consent_required( string $description ): self {
		return new self( 'consent_required', $description );
	}

	/**
	 * RFC 6750 §3.1. Without a token at all the challenge carries no error code (§3.1, last
	 * paragraph), so the caller passes `$with_code = false`.
	 */
	public static function invalid_token( string $description, bool $with_code = true ): self {
		$challenge = $with_code
			? 'Bearer realm="keystone-oidc", error="invalid_token", error_description="' . addcslashes( $description, '"\\' ) . '"'
			: 'Bearer realm="keystone-oidc"';
		return new self( 'invalid_token', $description, 401, array( 'WWW-Authenticate' => $challenge ) );
	}

	public static function server_error( string $detail = '' ): self {
		return new self( 'server_error', 'The server met an unexpected condition.', 500, array(), $detail );
	}

	public static function temporarily_unavailable( string $detail = '' ): self {
		return new self( 'temporarily_unavailable', 'The server is temporarily unable to handle the request.', 503, array( 'Retry-After' => '30' ), $detail );
	}
}
