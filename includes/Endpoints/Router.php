<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Config;
use Keystone_OIDC\Container;
use Keystone_OIDC\Http\Error_Boundary;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Http\Responder;

/**
 * Maps the contract's paths to endpoint classes. Rewrite rules turn each path (with or without a
 * trailing slash) into `?keystone_oidc=<name>`, and where no rule matched (plain permalinks) the
 * request path itself is matched; `dispatch` runs in `parse_request`, before the main query and the
 * canonical redirect, answers and exits.
 */
final class Router {
	const QUERY_VAR = 'keystone_oidc';
	const BASE      = 'wenisch-tech/keystone-oidc';

	/**
	 * Endpoint name => path relative to the home URL.
	 *
	 * @return array<string,string>
	 */
	public static function paths(): array {
		return array(
			'discovery'       => '.well-known/openid-configuration',
			'discovery-local' => self::BASE . '/.well-known/openid-configuration',
			'as-metadata'     => '.well-known/oauth-authorization-server',
			'protected-resource'      => '.well-known/oauth-protected-resource',
			'protected-resource-rest' => '.well-known/oauth-protected-resource/wp-json',
			'authorize'       => self::BASE . '/oauth/authorize',
			'token'           => self::BASE . '/oauth/token',
			'userinfo'        => self::BASE . '/oauth/userinfo',
			'jwks'            => self::BASE . '/oauth/jwks',
			'revocation'      => self::BASE . '/oauth/revoke',
			'introspection'   => self::BASE . '/oauth/introspect',
			'end-session'     => self::BASE . '/oauth/logout',
			'registration'    => self::BASE . '/oauth/register',
			'device-authorization' => self::BASE . '/oauth/device',
			'device-verification'  => self::BASE . '/device',
			// Keystone OIDC 2.x answered these Keycloak-style paths too; its relying parties may use them.
			'keycloak-auth'     => self::BASE . '/protocol/openid-connect/auth',
			'keycloak-token'    => self::BASE . '/protocol/openid-connect/token',
			'keycloak-userinfo' => self::BASE . '/protocol/openid-connect/userinfo',
			'keycloak-certs'    => self::BASE . '/protocol/openid-connect/certs',
		);
	}

	/**
	 * Endpoint name => class handling it.
	 *
	 * @return array<string,class-string<Endpoint>>
	 */
	public static function handlers(): array {
		return array(
			'discovery'       => Discovery::class,
			'discovery-local' => Discovery::class,
			'as-metadata'     => Discovery::class,
			'protected-resource'      => \Keystone_OIDC\Resource\Protected_Resource_Metadata::class,
			'protected-resource-rest' => \Keystone_OIDC\Resource\Protected_Resource_Metadata::class,
			'authorize'       => Authorize::class,
			'token'           => Token::class,
			'userinfo'        => Userinfo::class,
			'jwks'            => Jwks::class,
			'revocation'      => Revocation::class,
			'introspection'   => Introspection::class,
			'end-session'     => End_Session::class,
			'registration'    => Registration::class,
			'device-authorization' => Device_Authorization::class,
			'device-verification'  => Device_Verification::class,
			'keycloak-auth'     => Authorize::class,
			'keycloak-token'    => Token::class,
			'keycloak-userinfo' => Userinfo::class,
			'keycloak-certs'    => Jwks::class,
		);
	}

	public static function url( string $endpoint ): string {
		return home_url( '/' . self::paths()[ $endpoint ] );
	}

	public static function add_rewrite_rules(): void {
		foreach ( self::paths() as $name => $path ) {
			add_rewrite_rule( self::rule( $path ), 'index.php?' . self::QUERY_VAR . '=' . $name, 'top' );
		}
	}

	/**
	 * Whether the rewrite rules WordPress stored hold every endpoint of this version (an update that
	 * adds an endpoint replaces the files without flushing them). True with plain permalinks, where
	 * nothing is stored and nothing can be fixed by a flush.
	 */
	public static function rules_stored(): bool {
		$stored = get_option( 'rewrite_rules' );
		if ( ! is_array( $stored ) ) {
			return true;
		}
		foreach ( self::paths() as $path ) {
			if ( ! isset( $stored[ self::rule( $path ) ] ) ) {
				return false;
			}
		}
		return true;
	}

	private static function rule( string $path ): string {
		return '^' . preg_quote( $path, '#' ) . '/?$';
	}

	/**
	 * The endpoint a request path names, found from the path itself rather than from the rewrite
	 * rules WordPress stored: with plain permalinks there are none, yet nginx's usual `try_files`,
	 * PHP's built-in server and Playground still hand every unknown path to index.php. The path is
	 * taken relative to the home URL's path (a site in a subfolder), with or without a trailing
	 * slash, and also behind `index.php/` (what reaches WordPress on a server that rewrites
	 * nothing, with PATH_INFO permalinks).
	 *
	 * @param string $request_path The request URI's path, as the client sent it.
	 * @param string $home_path    The home URL's path: '' or '/' at the root, '/blog' in a subfolder.
	 */
	public static function match_path( string $request_path, string $home_path ): ?string {
		$home = rtrim( $home_path, '/' ) . '/';
		if ( 0 !== strpos( $request_path, $home ) ) {
			return null;
		}
		$path = (string) substr( $request_path, strlen( $home ) );
		if ( 0 === strpos( $path, 'index.php/' ) ) {
			$path = (string) substr( $path, strlen( 'index.php/' ) );
		}
		if ( '/' === substr( $path, -1 ) ) {
			$path = substr( $path, 0, -1 );
		}
		$name = array_search( $path, self::paths(), true );
		return is_string( $name ) && '' !== $path ? $name : null;
	}

	/**
	 * Discovery below an issuer that is not one of the fixed paths: a site upgraded from 2.x whose
	 * admin set the issuer by hand to a URL below the home URL (OIDC Discovery §4 puts the document
	 * at the issuer plus `/.well-known/openid-configuration`). An issuer on another host or outside
	 * the home URL is answered elsewhere (a proxy in front), never here.
	 *
	 * @param string $request_path The request URI's path.
	 * @param string $issuer       The issuer, no trailing slash.
	 * @param string $home         The home URL, no trailing slash.
	 */
	public static function matches_issuer_discovery( string $request_path, string $issuer, string $home ): bool {
		if ( 0 !== strpos( $issuer, $home . '/' ) ) {
			return false;
		}
		$issuer_path = (string) parse_url( $issuer, PHP_URL_PATH ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- pure, also run without WordPress in PHPUnit.
		return in_array( $request_path, array( $issuer_path . '/.well-known/openid-configuration', $issuer_path . '/.well-known/openid-configuration/' ), true );
	}

	/**
	 * HTTP Basic credentials sent to these endpoints are a client's (RFC 6749 §2.3.1), never a
	 * WordPress user's application password.
	 */
	const CLIENT_AUTHENTICATED = array( 'token', 'keycloak-token', 'revocation', 'introspection', 'device-authorization' );

	/**
	 * Filters `wp_is_application_passwords_available`: on the endpoints where Basic credentials
	 * authenticate a client, WordPress must not try them as an application password while it
	 * determines the current user (a query for whether any is in use, and the client_id looked up
	 * as a user login when one is). Every other request is left as it was, at the cost of an
	 * `isset` when it carries no Basic credentials.
	 *
	 * @param bool $available
	 * @return bool
	 */
	public static function application_passwords_available( $available ) {
		if ( ! $available || ! isset( $_SERVER['PHP_AUTH_USER'], $_SERVER['REQUEST_URI'] ) || ! is_string( $_SERVER['REQUEST_URI'] ) ) {
			return $available;
		}
		$request_path = (string) wp_parse_url( wp_unslash( $_SERVER['REQUEST_URI'] ), PHP_URL_PATH ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- compared with fixed paths only.
		$name         = self::match_path( $request_path, (string) wp_parse_url( home_url(), PHP_URL_PATH ) );
		return ! in_array( $name, self::CLIENT_AUTHENTICATED, true );
	}

	/**
	 * @param string[] $vars
	 * @return string[]
	 */
	public static function add_query_vars( array $vars ): array {
		$vars[] = self::QUERY_VAR;
		return $vars;
	}

	/**
	 * @param \WP $wp
	 */
	public static function dispatch( $wp ): void {
		$name = $wp->query_vars[ self::QUERY_VAR ] ?? null;
		if ( ! is_string( $name ) ) {
			$request_uri  = isset( $_SERVER['REQUEST_URI'] ) && is_string( $_SERVER['REQUEST_URI'] ) ? wp_unslash( $_SERVER['REQUEST_URI'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- compared with fixed paths only.
			$request_path = (string) wp_parse_url( $request_uri, PHP_URL_PATH );
			$name         = self::match_path( $request_path, (string) wp_parse_url( home_url(), PHP_URL_PATH ) );
			if ( null === $name && self::matches_issuer_discovery( $request_path, Config::issuer(), untrailingslashit( home_url() ) ) ) {
				$name = 'discovery-local';
			}
		}
		if ( ! is_string( $name ) ) {
			return;
		}
		$handlers = self::handlers();
		if ( ! isset( $handlers[ $name ] ) ) {
			return;
		}
		self::run( Container::site()->endpoint( $handlers[ $name ] ), $name );
		exit;
	}

	/**
	 * Runs an endpoint with the guarantees every answer needs: no database error printed as HTML,
	 * nothing stray (a notice from another plugin) written before the response, and every failure
	 * the endpoint did not answer itself answered by the error boundary: an HTML page where a
	 * browser is on the line, JSON for the back channel.
	 */
	private static function run( Endpoint $endpoint, string $name ): void {
		global $wpdb;
		$wpdb->hide_errors();
		ob_start();
		$boundary = Container::site()->error_boundary();
		$channel  = in_array( $name, array( 'authorize', 'keycloak-auth', 'end-session', 'device-verification' ), true ) ? Error_Boundary::FRONT : Error_Boundary::BACK;
		// WordPress answers a lost database connection with wp_die() (an HTML page); answer it in
		// the endpoint's own format instead.
		$die_handler = static function () use ( $boundary, $channel ): callable {
			return static function ( $message ) use ( $boundary, $channel ): void {
				Responder::answer( $boundary->answer( Responder::wp_die_error( $message ), $channel ) );
				die();
			};
		};
		add_filter( 'wp_die_handler', $die_handler );
		add_filter( 'wp_die_json_handler', $die_handler );
		try {
			Container::site()->causal_reads()->barrier();
			$endpoint->handle( Request::from_globals(), $name );
		} catch ( \Throwable $failure ) {
			do_action( 'keystone_oidc_endpoint_failed', $failure, $name );
			Responder::answer( $boundary->answer( $failure, $channel ) );
		}
	}
}
