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

	/**
	 * WordPress adds slashes to `$_SERVER` (wp_magic_quotes), so every value read here is unslashed.
	 */
	public static function from_globals(): self {
		$server  = wp_unslash( $_SERVER );
		$headers = array();
		foreach ( $server as $key => $value ) {
			if ( is_string( $value ) && 0 === strpos( (string) $key, 'HTTP_' ) ) {
				$headers[ str_replace( '_', '-', substr( (string) $key, 5 ) ) ] = $value;
			}
		}
		foreach ( array( 'CONTENT_TYPE' => 'content-type', 'CONTENT_LENGTH' => 'content-length' ) as $key => $name ) {
			if ( isset( $server[ $key ] ) && is_string( $server[ $key ] ) ) {
				$headers[ $name ] = $server[ $key ];
			}
		}
		$authorization = self::authorization_from_globals();
		if ( null !== $authorization ) {
			$headers['AUTHORIZATION'] = $authorization;
		}
		$method = isset( $server['REQUEST_METHOD'] ) && is_string( $server['REQUEST_METHOD'] ) ? $server['REQUEST_METHOD'] : 'GET';
		$query  = isset( $server['QUERY_STRING'] ) && is_string( $server['QUERY_STRING'] ) ? $server['QUERY_STRING'] : '';
		// PUT: RFC 7592 client configuration updates.
		$body = in_array( strtoupper( $method ), array( 'POST', 'PUT' ), true ) ? (string) file_get_contents( 'php://input' ) : '';
		return new self( $method, $headers, $query, $body );
	}

	/**
	 * The Authorization header wherever the web server left it. Apache hands it to CGI and FastCGI
	 * (php-fpm through mod_proxy_fcgi) only when told to: WordPress's .htaccess copies it into an
	 * environment variable, which becomes REDIRECT_HTTP_AUTHORIZATION after the rewrite to
	 * index.php. Under mod_php it may be missing from `$_SERVER` while the server's own header list
	 * (apache_request_headers) still has it; and for Basic credentials PHP keeps only the decoded
	 * PHP_AUTH_USER and PHP_AUTH_PW, from which the header is rebuilt byte for byte.
	 *
	 * @param array<string,mixed> $server          `$_SERVER`, unslashed.
	 * @param array<string,mixed> $request_headers The server's header list, any case.
	 */
	public static function authorization( array $server, array $request_headers ): ?string {
		foreach ( array( 'HTTP_AUTHORIZATION', 'REDIRECT_HTTP_AUTHORIZATION' ) as $key ) {
			if ( isset( $server[ $key ] ) && is_string( $server[ $key ] ) && '' !== $server[ $key ] ) {
				return $server[ $key ];
			}
		}
		foreach ( $request_headers as $name => $value ) {
			if ( is_string( $value ) && '' !== $value && 'authorization' === strtolower( (string) $name ) ) {
				return $value;
			}
		}
		if ( isset( $server['PHP_AUTH_USER'] ) && is_string( $server['PHP_AUTH_USER'] ) ) {
			$password = isset( $server['PHP_AUTH_PW'] ) && is_string( $server['PHP_AUTH_PW'] ) ? $server['PHP_AUTH_PW'] : '';
			// phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- the Basic scheme's own encoding.
			return 'Basic ' . base64_encode( $server['PHP_AUTH_USER'] . ':' . $password );
		}
		return null;
	}

	/**
	 * The Authorization header of the current request, read without building a whole request: the
	 * REST API asks on every call whether it carries a Bearer token.
	 */
	public static function authorization_from_globals(): ?string {
		return self::authorization( wp_unslash( $_SERVER ), self::server_request_headers() );
	}

	/**
	 * The request headers as the server API knows them (mod_php, FastCGI, the built-in server).
	 *
	 * @return array<string,mixed>
	 */
	private static function server_request_headers(): array {
		if ( function_exists( 'apache_request_headers' ) ) {
			$headers = apache_request_headers();
		} elseif ( function_exists( 'getallheaders' ) ) {
			$headers = getallheaders();
		} else {
			return array();
		}
		return is_array( $headers ) ? $headers : array();
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

	/**
	 * The raw body of a POST or PUT (a JSON document, RFC 7591).
	 */
	public function body(): string {
		return $this->body;
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
}
