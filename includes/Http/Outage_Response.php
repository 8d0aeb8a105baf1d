<?php
declare(strict_types=1);

namespace Keystone_OIDC\Http;

use Keystone_OIDC\Endpoints\Router;

/**
 * The answer of a protocol endpoint while the database cannot be reached. WordPress meets that
 * before any plugin loads and would send its own HTML 500 page; the database-error drop-in
 * (`Outage_Dropin`) calls this first, so clients get what the endpoints promise: JSON 503
 * `temporarily_unavailable` on the back channel, an HTML 503 page at the authorization endpoint.
 * Nothing here touches the database, options or the object cache: none of them exist yet.
 */
final class Outage_Response {
	/**
	 * Answers the current request when it is for a protocol endpoint.
	 *
	 * @return bool Whether it answered (false: not a protocol request, WordPress's page applies).
	 */
	public static function answer(): bool {
		$request_uri = isset( $_SERVER['REQUEST_URI'] ) && is_string( $_SERVER['REQUEST_URI'] ) ? $_SERVER['REQUEST_URI'] : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- only matched against fixed paths.
		$endpoint    = self::endpoint( $request_uri );
		if ( null === $endpoint ) {
			return false;
		}
		$error = OAuth_Error::temporarily_unavailable( 'database unreachable' );
		// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the one place unexpected failures are recorded.
		error_log( 'Keystone OIDC: the database is unreachable; ' . $endpoint . ' answered 503' );
		if ( 'authorize' === $endpoint ) {
			Responder::html( $error->status(), self::page( $error ), $error->headers() );
		} else {
			Responder::error_json( $error );
		}
		return true;
	}

	/**
	 * What a person signing in sees. WordPress's escaping and translation functions read options,
	 * which need the database, so the page is in English and escaped by PHP itself.
	 */
	private static function page( OAuth_Error $error ): string {
		$title = 'Sign-in temporarily unavailable';
		return '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
			. '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">'
			. '<title>' . $title . '</title></head><body>'
			. '<main><h1>' . $title . '</h1>'
			. '<p>This site cannot sign you in at the moment. Please try again in a few minutes.</p>'
			. '<p><code>' . htmlspecialchars( $error->error_code(), ENT_QUOTES, 'UTF-8' ) . '</code>: ' . htmlspecialchars( $error->description(), ENT_QUOTES, 'UTF-8' ) . '</p>'
			. '</main></body></html>';
	}

	/**
	 * The protocol endpoint a request URI names, without the rewrite rules (they live in the
	 * database): its path ends with an endpoint's path, with or without a trailing slash (the site
	 * may live in a subfolder), or it carries the endpoint's query variable (plain permalinks).
	 */
	public static function endpoint( string $request_uri ): ?string {
		$paths = Router::paths();
		// wp_parse_url() lives in a file WordPress has not loaded yet.
		$path = rtrim( (string) parse_url( $request_uri, PHP_URL_PATH ), '/' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url
		foreach ( $paths as $name => $endpoint_path ) {
			$suffix = '/' . $endpoint_path;
			if ( strlen( $path ) >= strlen( $suffix ) && substr( $path, -strlen( $suffix ) ) === $suffix ) {
				return $name;
			}
		}
		parse_str( (string) parse_url( $request_uri, PHP_URL_QUERY ), $query ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url
		$name = $query[ Router::QUERY_VAR ] ?? null;
		return is_string( $name ) && isset( $paths[ $name ] ) ? $name : null;
	}
}
