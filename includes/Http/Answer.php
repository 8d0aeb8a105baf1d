<?php
declare(strict_types=1);

namespace Keystone_OIDC\Http;

/**
 * What a front-channel endpoint answers, decided before anything is written: the authorization
 * pipeline and the error boundary return one, `Responder::answer()` writes it. Kept as data so
 * PHPUnit can assert the decision (page, redirect, form_post, JSON) without a WordPress response.
 */
final class Answer {
	const HTML       = 'html';
	const REDIRECT   = 'redirect';
	const TO_CLIENT  = 'to_client';
	const ERROR_PAGE = 'error_page';
	const ERROR_JSON = 'error_json';

	/** @var string One of the constants above. */
	private $kind;

	/** @var int */
	private $status = 200;

	/** @var string */
	private $body = '';

	/** @var string The redirect's target, or the client's proven redirect URI. */
	private $url = '';

	/** @var array<string,string|null> What goes to the client (`iss` is added when written). */
	private $params = array();

	/** @var bool */
	private $form_post = false;

	/** @var string The request's method: a redirect after a POST is a 303. */
	private $method = 'GET';

	/** @var OAuth_Error|null */
	private $error = null;

	/** @var string|null The error page's title; null: the sign-in one. */
	private $title = null;

	private function __construct( string $kind ) {
		$this->kind = $kind;
	}

	public static function html( int $status, string $body ): self {
		$answer         = new self( self::HTML );
		$answer->status = $status;
		$answer->body   = $body;
		return $answer;
	}

	/**
	 * A redirect within this site (to log in), never to a client.
	 */
	public static function redirect( string $url, string $method ): self {
		$answer         = new self( self::REDIRECT );
		$answer->url    = $url;
		$answer->method = $method;
		return $answer;
	}

	/**
	 * The authorization response (RFC 6749 §4.1.2): to a proven redirect URI, in the query or as a
	 * self-submitting form (OAuth 2.0 Form Post Response Mode), with `state` and `iss`.
	 *
	 * @param array<string,string|null> $params Null values are left out.
	 */
	public static function to_client( string $redirect_uri, array $params, bool $form_post, string $method ): self {
		$answer            = new self( self::TO_CLIENT );
		$answer->url       = $redirect_uri;
		$answer->params    = $params;
		$answer->form_post = $form_post;
		$answer->method    = $method;
		return $answer;
	}

	public static function error_to_client( OAuth_Error $error, string $redirect_uri, ?string $state, bool $form_post, string $method ): self {
		$answer        = self::to_client(
			$redirect_uri,
			array(
				'error'             => $error->error_code(),
				'error_description' => $error->description(),
				'state'             => $state,
			),
			$form_post,
			$method
		);
		$answer->error = $error;
		return $answer;
	}

	public static function error_page( OAuth_Error $error, ?string $title ): self {
		$answer        = new self( self::ERROR_PAGE );
		$answer->error = $error;
		$answer->title = $title;
		return $answer;
	}

	public static function error_json( OAuth_Error $error ): self {
		$answer        = new self( self::ERROR_JSON );
		$answer->error = $error;
		return $answer;
	}

	public function kind(): string {
		return $this->kind;
	}

	public function status(): int {
		return $this->status;
	}

	public function body(): string {
		return $this->body;
	}

	public function url(): string {
		return $this->url;
	}

	/**
	 * @return array<string,string|null>
	 */
	public function params(): array {
		return $this->params;
	}

	public function is_form_post(): bool {
		return $this->form_post;
	}

	public function method(): string {
		return $this->method;
	}

	public function error(): ?OAuth_Error {
		return $this->error;
	}

	public function title(): ?string {
		return $this->title;
	}
}
