<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Http\Responder;

/**
 * Maps the contract's paths to endpoint classes. Rewrite rules turn each path (with or without a
 * trailing slash) into `?keystone_oidc=<name>`; `dispatch` runs in `parse_request`, before the main
 * query and the canonical redirect, answers and exits.
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
			'authorize'       => self::BASE . '/oauth/authorize',
			'token'           => self::BASE . '/oauth/token',
			'userinfo'        => self::BASE . '/oauth/userinfo',
			'jwks'            => self::BASE . '/oauth/jwks',
			'revocation'      => self::BASE . '/oauth/revoke',
			'introspection'   => self::BASE . '/oauth/introspect',
			'end-session'     => self::BASE . '/oauth/logout',
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
			'authorize'       => Authorize::class,
			'token'           => Token::class,
			'userinfo'        => Userinfo::class,
			'jwks'            => Jwks::class,
			'revocation'      => Revocation::class,
			'introspection'   => Introspection::class,
			'end-session'     => End_Session::class,
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
			return;
		}
		$handlers = self::handlers();
		if ( ! isset( $handlers[ $name ] ) ) {
			return;
		}
		self::run( new $handlers[ $name ](), $name );
		exit;
	}

	/**
	 * Runs an endpoint with the guarantees every back-channel answer needs: no database error
	 * printed as HTML, nothing stray (a notice from another plugin) written before the response,
	 * and every failure answered as a JSON error.
	 */
	private static function run( Endpoint $endpoint, string $name ): void {
		global $wpdb;
		$wpdb->hide_errors();
		ob_start();
		$html = in_array( $name, array( 'authorize', 'keycloak-auth', 'end-session' ), true );
		// WordPress answers a lost database connection with wp_die() (an HTML page); answer it in
		// the endpoint's own format instead.
		$die_handler = static function () use ( $html ): callable {
			return static function ( $message ) use ( $html ): void {
				Responder::answer_wp_die( $message, $html );
				die();
			};
		};
		add_filter( 'wp_die_handler', $die_handler );
		add_filter( 'wp_die_json_handler', $die_handler );
		try {
			$endpoint->handle( Request::from_globals(), $name );
		} catch ( \Throwable $failure ) {
			$error = Responder::to_oauth_error( $failure );
			if ( $html ) {
				Responder::error_page( $error );
			} else {
				Responder::error_json( $error );
			}
		}
	}
}
