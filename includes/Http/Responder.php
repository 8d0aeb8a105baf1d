<?php
declare(strict_types=1);

namespace Keystone_OIDC\Http;

use Keystone_OIDC\Config;
use Keystone_OIDC\Keys\Keys_Unavailable;
use Keystone_OIDC\Keys\Key_Unavailable;
use Keystone_OIDC\Storage\Database_Error;

/**
 * The only writer of protocol responses. Which form an error takes (JSON, a redirect or form post to
 * a proven redirect URI, an HTML page) is decided by `Error_Boundary`; nothing unexpected leaks: it
 * is logged once and answered as `server_error`.
 */
final class Responder {
	const NO_STORE = array(
		'Cache-Control' => 'no-store',
		'Pragma'        => 'no-cache',
	);

	/**
	 * @param array<string,mixed>  $body
	 * @param array<string,string> $headers
	 */
	public static function json( int $status, array $body, array $headers = array() ): void {
		$json = wp_json_encode( $body, JSON_UNESCAPED_SLASHES );
		self::send(
			$status,
			array_merge( array( 'Content-Type' => 'application/json; charset=UTF-8' ), $headers ),
			false === $json ? '{}' : $json
		);
	}

	/**
	 * A success whose status says everything (RFC 7009 §2.2: the client ignores the body).
	 *
	 * @param array<string,string> $headers
	 */
	public static function empty_body( int $status, array $headers = array() ): void {
		// Without this PHP labels the empty body with its default type, text/html. Hosts that
		// disable ini_set() get that label, which is harmless on an empty body.
		if ( function_exists( 'ini_set' ) ) {
			ini_set( 'default_mimetype', '' ); // phpcs:ignore WordPress.PHP.IniSet.Risky -- this request ends with this response.
		}
		self::send( $status, $headers, '' );
	}

	/**
	 * A public document (discovery, JWKS): cacheable by anyone, readable from any origin, answered
	 * 304 when the client already holds this version.
	 *
	 * @param array<string,mixed> $body
	 */
	public static function public_json( Request $request, array $body, int $max_age ): void {
		$json    = (string) wp_json_encode( $body, JSON_UNESCAPED_SLASHES );
		$etag    = '"' . substr( hash( 'sha256', $json ), 0, 32 ) . '"';
		$headers = array_merge(
			self::cors(),
			array(
				'Cache-Control' => 'public, max-age=' . $max_age,
				'ETag'          => $etag,
			)
		);
		if ( self::etag_matches( (string) $request->header( 'if-none-match' ), $etag ) ) {
			self::not_modified( $headers );
			return;
		}
		self::send( 200, array_merge( array( 'Content-Type' => 'application/json; charset=UTF-8' ), $headers ), $json );
	}

	/**
	 * Back-channel endpoints are called by browser apps too (public clients, RFC 8252 / SPA); they
	 * use no cookies, so any origin may read them.
	 *
	 * @return array<string,string>
	 */
	public static function cors(): array {
		return array( 'Access-Control-Allow-Origin' => '*' );
	}

	/**
	 * Answers a CORS preflight for the given methods.
	 *
	 * @param string[] $methods
	 */
	public static function preflight( array $methods ): void {
		self::send(
			204,
			array_merge(
				self::cors(),
				array(
					'Access-Control-Allow-Methods' => implode( ', ', $methods ),
					'Access-Control-Allow-Headers' => 'Authorization, Content-Type, DPoP, If-None-Match',
					'Access-Control-Max-Age'       => '600',
				)
			),
			''
		);
	}

	/**
	 * RFC 9110 §13.1.2: a list of (possibly weak) tags, or `*`.
	 */
	public static function etag_matches( string $if_none_match, string $etag ): bool {
		foreach ( explode( ',', $if_none_match ) as $candidate ) {
			$candidate = trim( $candidate );
			if ( 0 === strpos( $candidate, 'W/' ) ) {
				$candidate = substr( $candidate, 2 );
			}
			if ( '*' === $candidate || $candidate === $etag ) {
				return true;
			}
		}
		return false;
	}

	public static function error_json( OAuth_Error $error ): void {
		self::json(
			$error->status(),
			array(
				'error'             => $error->error_code(),
				'error_description' => $error->description(),
			),
			array_merge( self::NO_STORE, self::cors(), $error->headers() )
		);
	}

	/**
	 * Writes what the authorization pipeline or the error boundary decided. A response to the
	 * client's redirect URI carries `iss` last (RFC 9207), after `code` or `error` and `state`.
	 */
	public static function answer( Answer $answer ): void {
		$error = $answer->error();
		switch ( $answer->kind() ) {
			case Answer::HTML:
				self::html( $answer->status(), $answer->body() );
				return;
			case Answer::REDIRECT:
				self::redirect( $answer->url(), $answer->method() );
				return;
			case Answer::TO_CLIENT:
				$params = array_merge( $answer->params(), array( 'iss' => Config::issuer() ) );
				if ( $answer->is_form_post() ) {
					self::form_post( $answer->url(), $params );
				} else {
					self::redirect( Redirect_Url::build( $answer->url(), $params ), $answer->method() );
				}
				return;
		}
		if ( null === $error ) {
			throw new \LogicException( 'An error answer without its error' );
		}
		if ( Answer::ERROR_PAGE === $answer->kind() ) {
			self::error_page( $error, $answer->title() );
			return;
		}
		self::error_json( $error );
	}

	/**
	 * A page whose form carries the authorization response to the proven redirect URI in a POST
	 * body; see `Form_Post` for the policy it runs under.
	 *
	 * @param array<string,string|null> $params Null values are left out.
	 */
	public static function form_post( string $redirect_uri, array $params ): void {
		self::html( 200, Form_Post::render( $redirect_uri, $params ), Form_Post::headers( $redirect_uri ) );
	}

	/**
	 * Shown instead of a redirect while `client_id` or `redirect_uri` is unproven (RFC 6749
	 * §4.1.2.1: never redirect to an unverified URI).
	 */
	public static function error_page( OAuth_Error $error, ?string $title = null ): void {
		$status = $error->status() >= 500 ? $error->status() : 400;
		$title  = $title ?? __( 'Sign-in request rejected', 'keystone-oidc' );
		$body   = '<!DOCTYPE html><html lang="' . esc_attr( get_bloginfo( 'language' ) ) . '"><head><meta charset="utf-8">'
			. '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">'
			. '<title>' . esc_html( $title ) . '</title></head><body>'
			. '<main><h1>' . esc_html( $title ) . '</h1>'
			. '<p>' . esc_html__( 'The application that sent you here made a request this site cannot accept.', 'keystone-oidc' ) . '</p>'
			. '<p><code>' . esc_html( $error->error_code() ) . '</code>: ' . esc_html( $error->description() ) . '</p>'
			. '</main></body></html>';
		self::html( $status, $body );
	}

	/**
	 * @param array<string,string> $headers
	 */
	public static function html( int $status, string $body, array $headers = array() ): void {
		self::send(
			$status,
			array_merge(
				array( 'Content-Type' => 'text/html; charset=UTF-8' ),
				self::NO_STORE,
				self::no_framing(),
				$headers
			),
			$body
		);
	}

	/**
	 * @return array<string,string>
	 */
	public static function no_framing(): array {
		return array(
			'X-Frame-Options'         => 'DENY',
			'Content-Security-Policy' => "frame-ancestors 'none'",
			'Referrer-Policy'         => 'no-referrer',
		);
	}

	/**
	 * A 302 for GET, a 303 after a POST so the browser follows with GET (RFC 9700 §4.12).
	 */
	public static function redirect( string $url, string $method = 'GET' ): void {
		self::send( 'POST' === $method ? 303 : 302, array_merge( self::NO_STORE, array( 'Location' => $url ) ), '' );
	}

	/**
	 * @param array<string,string> $headers
	 */
	public static function not_modified( array $headers ): void {
		self::send( 304, $headers, '' );
	}

	/**
	 * Turns a failure that is not an `OAuth_Error` into one the client may see, logging the detail.
	 */
	public static function to_oauth_error( \Throwable $failure ): OAuth_Error {
		if ( $failure instanceof OAuth_Error ) {
			return $failure;
		}
		// Expected until the admin acts, and shown to the admin as a notice (`Admin\Key_Notice`):
		// not logged on every request.
		if ( $failure instanceof Key_Unavailable ) {
			return OAuth_Error::temporarily_unavailable( $failure->getMessage() );
		}
		// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the one place unexpected failures are recorded.
		error_log( sprintf( 'Keystone OIDC: %s: %s in %s:%d', get_class( $failure ), $failure->getMessage(), $failure->getFile(), $failure->getLine() ) );
		if ( $failure instanceof Database_Error && Database_Error::is_outage() ) {
			return OAuth_Error::temporarily_unavailable();
		}
		if ( $failure instanceof Keys_Unavailable ) {
			return OAuth_Error::temporarily_unavailable( 'no signing key' );
		}
		return OAuth_Error::server_error();
	}

	/**
	 * The error for a `wp_die()` met while an endpoint runs: a lost database connection is
	 * `temporarily_unavailable` (503), anything else `server_error`. The message is only logged.
	 *
	 * @param mixed $message What wp_die() was given (string or WP_Error).
	 */
	public static function wp_die_error( $message ): OAuth_Error {
		global $wpdb;
		$outage = $wpdb->error instanceof \WP_Error && 'db_connect_fail' === $wpdb->error->get_error_code();
		$detail = $message instanceof \WP_Error ? $message->get_error_message() : ( is_string( $message ) ? $message : '' );
		// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the one place unexpected failures are recorded.
		error_log( 'Keystone OIDC: wp_die() during a protocol request: ' . wp_strip_all_tags( $detail ) );
		return $outage ? OAuth_Error::temporarily_unavailable() : OAuth_Error::server_error();
	}

	/**
	 * @param array<string,string> $headers
	 */
	private static function send( int $status, array $headers, string $body ): void {
		if ( ! headers_sent() ) {
			// Nothing buffered before us (a stray notice, a BOM) may reach the client.
			while ( ob_get_level() > 0 ) {
				if ( ! ob_end_clean() ) {
					break;
				}
			}
			status_header( $status );
			header_remove( 'X-Pingback' );
			// Every answer, whatever its type: a browser must never read a JSON error carrying
			// request text, or an empty body, as HTML or script.
			header( 'X-Content-Type-Options: nosniff' );
			foreach ( $headers as $name => $value ) {
				header( $name . ': ' . str_replace( array( "\r", "\n" ), '', $value ) );
			}
		}
		if ( 'HEAD' !== ( $_SERVER['REQUEST_METHOD'] ?? '' ) ) {
			echo $body; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- built and escaped by the callers above.
		}
	}
}
