<?php
declare(strict_types=1);

namespace Keystone_OIDC\Http;

/**
 * The current HTTP request as the protocol sees it: method, headers, and the raw query and form
 * body parsed by `Parameters` (never `$_GET`/`$_POST`, which WordPress slashes and PHP collapses).
 */
final class Request {
	/** @var string */
	private $method;

	/** @var array<string,string> Lower-case header name => value. */
	private $headers;

	/** @var string */
	private $query;

	/** @var string */
	private $body;

	/**
	 * @param array<string,string> $headers
	 */
	public function __construct( string $method, array $headers, string $query, string $body ) {
		$this->method  = strtoupper( $method );
		$this->headers = array_change_key_case( $headers, CASE_LOWER );
		$this->query   = $query;
		$this->body    = $body;
	}

	public static function from_globals(): self {
		$headers = array();
		foreach ( $_SERVER as $key => $value ) {
			if ( is_string( $value ) && 0 === strpos( (string) $key, 'HTTP_' ) ) {
				$headers[ str_replace( '_', '-', substr( (string) $key, 5 ) ) ] = $value;
			}
		}
		foreach ( array( 'CONTENT_TYPE' => 'content-type', 'CONTENT_LENGTH' => 'content-length' ) as $key => $name ) {
			if ( isset( $_SERVER[ $key ] ) && is_string( $_SERVER[ $key ] ) ) {
				$headers[ $name ] = $_SERVER[ $key ];
			}
		}
		// Some servers (Apache + CGI/FPM) only pass the Authorization header under another name.
		if ( ! isset( $headers['AUTHORIZATION'] ) && isset( $_SERVER['REDIRECT_HTTP_AUTHORIZATION'] ) && is_string( $_SERVER['REDIRECT_HTTP_AUTHORIZATION'] ) ) {
			$headers['AUTHORIZATION'] = $_SERVER['REDIRECT_HTTP_AUTHORIZATION'];
		}
		$method = isset( $_SERVER['REQUEST_METHOD'] ) && is_string( $_SERVER['REQUEST_METHOD'] ) ? $_SERVER['REQUEST_METHOD'] : 'GET';
		$query  = isset( $_SERVER['QUERY_STRING'] ) && is_string( $_SERVER['QUERY_STRING'] ) ? $_SERVER['QUERY_STRING'] : '';
		$body   = 'POST' === strtoupper( $method ) ? (string) file_get_contents( 'php://input' ) : '';
		return new self( $method, $headers, $query, $body );
	}

	public function method(): string {
		return $this->method;
	}

	public function header( string $name ): ?string {
		$value = $this->headers[ strtolower( $name ) ] ?? null;
		return null === $value ? null : trim( $value );
	}

	public function query(): Parameters {
		return Parameters::parse( $this->query );
	}

	/**
	 * Form parameters of a POST body. Empty unless the body is `application/x-www-form-urlencoded`.
	 */
	public function form(): Parameters {
		return $this->is_form() ? Parameters::parse( $this->body ) : Parameters::parse( '' );
	}

	public function is_form(): bool {
		$type = strtolower( (string) $this->header( 'content-type' ) );
		return 'POST' === $this->method && 'application/x-www-form-urlencoded' === trim( explode( ';', $type )[0] );
	}

	/**
	 * The parameters of a request that may come as GET or POST (authorization, userinfo).
	 */
	public function parameters(): Parameters {
		return 'POST' === $this->method ? $this->form() : $this->query();
	}

	public function has_query(): bool {
		return '' !== $this->query;
	}
}
