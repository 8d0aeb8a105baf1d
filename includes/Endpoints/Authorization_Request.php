<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Clients\Client;

/**
 * An authorization request once its checks have passed: what a consent decision or a code is
 * bound to. Stored between the consent page and the decision as `to_array()`.
 */
final class Authorization_Request {
	const RESPONSE_MODE_QUERY     = 'query';
	const RESPONSE_MODE_FORM_POST = 'form_post';

	/** @var Client */
	public $client;

	/** @var string Proven: registered for the client. */
	public $redirect_uri = '';

	/** @var string|null */
	public $state = null;

	/** @var string[] Granted scopes: requested, supported and allowed for the client. */
	public $scopes = array();

	/** @var string|null */
	public $nonce = null;

	/** @var string|null */
	public $code_challenge = null;

	/** @var string|null */
	public $code_challenge_method = null;

	/** @var string[] */
	public $prompt = array();

	/** @var int|null */
	public $max_age = null;

	/** @var string How the response reaches the client: `query` or `form_post`. */
	public $response_mode = self::RESPONSE_MODE_QUERY;

	/** @var string[] RFC 8707 resources the client asked for, each among its audiences (empty: none asked). */
	public $resources = array();

	/** @var string|null The subject (user ID) of a verified `id_token_hint`: the user the client expects. */
	public $id_token_hint_subject = null;

	public function __construct( Client $client ) {
		$this->client = $client;
	}

	public function is_form_post(): bool {
		return self::RESPONSE_MODE_FORM_POST === $this->response_mode;
	}

	/**
	 * @return array<string,mixed>
	 */
	public function to_array(): array {
		return array(
			'client_id'             => $this->client->client_id,
			'redirect_uri'          => $this->redirect_uri,
			'state'                 => $this->state,
			'scopes'                => $this->scopes,
			'nonce'                 => $this->nonce,
			'code_challenge'        => $this->code_challenge,
			'code_challenge_method' => $this->code_challenge_method,
			'response_mode'         => $this->response_mode,
			'resources'             => $this->resources,
		);
	}

	/**
	 * @param array<string,mixed> $data From `to_array()`.
	 */
	public static function from_array( array $data, Client $client ): self {
		$request                        = new self( $client );
		$request->redirect_uri          = (string) ( $data['redirect_uri'] ?? '' );
		$request->state                 = self::optional( $data, 'state' );
		$request->scopes                = array_values( array_filter( (array) ( $data['scopes'] ?? array() ), 'is_string' ) );
		$request->nonce                 = self::optional( $data, 'nonce' );
		$request->code_challenge        = self::optional( $data, 'code_challenge' );
		$request->code_challenge_method = self::optional( $data, 'code_challenge_method' );
		$request->response_mode         = self::RESPONSE_MODE_FORM_POST === ( $data['response_mode'] ?? null ) ? self::RESPONSE_MODE_FORM_POST : self::RESPONSE_MODE_QUERY;
		$request->resources             = array_values( array_filter( (array) ( $data['resources'] ?? array() ), 'is_string' ) );
		return $request;
	}

	/**
	 * @param array<string,mixed> $data
	 */
	private static function optional( array $data, string $key ): ?string {
		return isset( $data[ $key ] ) && is_string( $data[ $key ] ) ? $data[ $key ] : null;
	}
}
