<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Tokens\Id_Token_Hint;

/**
 * An authorization request once its checks have passed: what a consent decision or a code is
 * bound to. Stored between the consent page and the decision as `to_array()`.
 */
final class Authorization_Request {
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

	/** @var Id_Token_Hint|null The user the client expects, when it said. */
	public $id_token_hint = null;

	public function __construct( Client $client ) {
		$this->client = $client;
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
		return $request;
	}

	/**
	 * @param array<string,mixed> $data
	 */
	private static function optional( array $data, string $key ): ?string {
		return isset( $data[ $key ] ) && is_string( $data[ $key ] ) ? $data[ $key ] : null;
	}
}
