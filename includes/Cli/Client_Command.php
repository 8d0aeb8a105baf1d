<?php
declare(strict_types=1);

namespace Keystone_OIDC\Cli;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Clients\Client_Manager;
use Keystone_OIDC\Storage\Client_Repository;
use WP_CLI;
use WP_Error;

/**
 * Manages the OpenID Connect clients (relying parties).
 *
 * Every change goes through the same rules as the admin screens and the REST API, with the same
 * error codes. A client secret is shown once, when it is made (create, reset-secret).
 *
 * ## EXAMPLES
 *
 *     # Register a web application and note its secret.
 *     $ wp oidc client create --name="Grafana" --redirect-uri=https://grafana.example.com/login/generic_oauth
 *
 *     # A single-page app: public, PKCE instead of a secret.
 *     $ wp oidc client create --name="SPA" --type=public --redirect-uri=https://app.example.com/callback
 *
 *     # Every client as JSON.
 *     $ wp oidc client list --format=json
 */
final class Client_Command {
	const DEFAULT_FIELDS = array( 'client_id', 'name', 'type', 'redirect_uris', 'scopes', 'source', 'created_at' );

	/**
	 * Lists the clients, newest first.
	 *
	 * ## OPTIONS
	 *
	 * [--fields=<fields>]
	 * : Comma-separated fields to show. Default for table and csv: client_id, name, type, redirect_uris, scopes, source, created_at; json and yaml show every field of the REST API's `Client`.
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - csv
	 *   - yaml
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp oidc client list
	 *     $ wp oidc client list --fields=client_id,name --format=csv
	 *
	 * @subcommand list
	 *
	 * @param string[]             $args
	 * @param array<string,mixed>  $assoc_args
	 */
	public function list_items( array $args, array $assoc_args ): void {
		$rows = array_map(
			static function ( Client $client ): array {
				return $client->to_array();
			},
			Client_Repository::all()
		);
		Console::rows( $assoc_args, $rows, self::DEFAULT_FIELDS );
	}

	/**
	 * Shows one client.
	 *
	 * ## OPTIONS
	 *
	 * <client_id>
	 * : The client's client_id.
	 *
	 * [--fields=<fields>]
	 * : Comma-separated fields to show (default: all).
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - csv
	 *   - yaml
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp oidc client get 3f2a9c0e5b7d41e8a6c2f0b1d9e4a7c3 --format=json
	 *
	 * @param string[]            $args
	 * @param array<string,mixed> $assoc_args
	 */
	public function get( array $args, array $assoc_args ): void {
		Console::record( $assoc_args, self::find( $args[0] )->to_array() );
	}

	/**
	 * Registers a client and prints its client_id and secret.
	 *
	 * For a confidential client the secret is printed now and never again.
	 *
	 * ## OPTIONS
	 *
	 * --name=<name>
	 * : Name shown to people on the consent screen (1 to 200 characters).
	 *
	 * [--redirect-uri=<uri>]
	 * : An exact redirect URI; repeat the flag for more than one. http only for loopback hosts; custom schemes for native apps. Required unless the client only uses client_credentials.
	 *
	 * [--type=<type>]
	 * : confidential (a secret) or public (PKCE, no secret).
	 * ---
	 * default: confidential
	 * options:
	 *   - confidential
	 *   - public
	 * ---
	 *
	 * [--scopes=<scopes>]
	 * : Comma-separated scopes it may be granted (openid is always included). Default: openid,profile,email.
	 *
	 * [--post-logout-redirect-uri=<uri>]
	 * : An exact URI it may return to after logout; repeatable.
	 *
	 * [--backchannel-logout-uri=<uri>]
	 * : Where logout tokens are sent (https).
	 *
	 * [--audience=<uri>]
	 * : An audience its access tokens may carry (RFC 8707 resource); repeatable.
	 *
	 * [--allowed-roles=<roles>]
	 * : Comma-separated role slugs whose users may sign in (default: every role).
	 *
	 * [--skip-consent]
	 * : Trusted first-party client: no consent screen.
	 *
	 * [--skip-consent-offline-access]
	 * : With --skip-consent: grant offline_access without asking too.
	 *
	 * [--refresh-tokens]
	 * : Whether it receives refresh tokens (default: yes; --no-refresh-tokens for none).
	 *
	 * [--id-token-signed-response-alg=<alg>]
	 * : RS256 (default) or ES256.
	 *
	 * [--grant-types=<grants>]
	 * : Comma-separated grant types (RFC 7591). Default: authorization_code,refresh_token.
	 *
	 * [--token-endpoint-auth-method=<method>]
	 * : client_secret_basic (default for confidential), client_secret_post, client_secret_jwt, private_key_jwt, none (public).
	 *
	 * [--jwks=<json>]
	 * : Its public keys as a JWK Set (JSON), for private_key_jwt.
	 *
	 * [--jwks-uri=<uri>]
	 * : An https URI serving its JWK Set, for private_key_jwt.
	 *
	 * [--rest-access=<access>]
	 * : The most its tokens may do with the WordPress REST API: none (default), read, write.
	 *
	 * [--format=<format>]
	 * : table: a message and the credentials; json or yaml: the `Client` plus client_secret.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - yaml
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp oidc client create --name="Nextcloud" --redirect-uri=https://cloud.example.com/apps/user_oidc/code --scopes=openid,profile,email,roles
	 *     $ wp oidc client create --name="CLI tool" --type=public --redirect-uri=http://127.0.0.1/callback --format=json
	 *
	 * @param string[]            $args
	 * @param array<string,mixed> $assoc_args
	 */
	public function create( array $args, array $assoc_args ): void {
		$result = Client_Manager::create( Client_Flags::input( $assoc_args, self::argv() ) );
		if ( $result instanceof WP_Error ) {
			Console::fail( $result );
			return;
		}
		self::show_with_secret( $assoc_args, $result['client'], $result['client_secret'], 'Created' );
	}

	/**
	 * Changes the fields given; the others stay as they are.
	 *
	 * A public client made confidential gets a secret, shown once.
	 *
	 * ## OPTIONS
	 *
	 * <client_id>
	 * : The client's client_id.
	 *
	 * [--name=<name>]
	 * : Name shown to people on the consent screen.
	 *
	 * [--redirect-uri=<uri>]
	 * : Replaces the redirect URIs; repeat the flag for more than one.
	 *
	 * [--type=<type>]
	 * : confidential or public.
	 *
	 * [--scopes=<scopes>]
	 * : Comma-separated scopes (replaces the list).
	 *
	 * [--post-logout-redirect-uri=<uri>]
	 * : Replaces the post-logout redirect URIs; repeatable; an empty value clears them.
	 *
	 * [--backchannel-logout-uri=<uri>]
	 * : Where logout tokens are sent; empty for none.
	 *
	 * [--audience=<uri>]
	 * : Replaces the audiences; repeatable; an empty value clears them.
	 *
	 * [--allowed-roles=<roles>]
	 * : Comma-separated role slugs; empty for every role.
	 *
	 * [--skip-consent]
	 * : Trusted first-party client: no consent screen (--no-skip-consent to ask again).
	 *
	 * [--skip-consent-offline-access]
	 * : With skip-consent: grant offline_access without asking too (--no-skip-consent-offline-access to stop).
	 *
	 * [--refresh-tokens]
	 * : Whether it receives refresh tokens (--no-refresh-tokens for none).
	 *
	 * [--id-token-signed-response-alg=<alg>]
	 * : RS256 or ES256.
	 *
	 * [--grant-types=<grants>]
	 * : Comma-separated grant types (RFC 7591).
	 *
	 * [--token-endpoint-auth-method=<method>]
	 * : client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt, none.
	 *
	 * [--jwks=<json>]
	 * : Its public keys as a JWK Set (JSON); empty for none.
	 *
	 * [--jwks-uri=<uri>]
	 * : An https URI serving its JWK Set; empty for none.
	 *
	 * [--rest-access=<access>]
	 * : none, read or write.
	 *
	 * [--format=<format>]
	 * : table: a message; json or yaml: the `Client` (plus client_secret when one was made).
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - yaml
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp oidc client update 3f2a9c0e5b7d41e8a6c2f0b1d9e4a7c3 --redirect-uri=https://a.example.com/cb --redirect-uri=https://b.example.com/cb
	 *     $ wp oidc client update 3f2a9c0e5b7d41e8a6c2f0b1d9e4a7c3 --skip-consent --allowed-roles=editor,administrator
	 *
	 * @param string[]            $args
	 * @param array<string,mixed> $assoc_args
	 */
	public function update( array $args, array $assoc_args ): void {
		$input = Client_Flags::input( $assoc_args, self::argv() );
		if ( array() === $input ) {
			WP_CLI::error( 'Name at least one field to change, e.g. --name=<name>. See `wp help oidc client update`.' );
		}
		$result = Client_Manager::update( $args[0], $input, true );
		if ( $result instanceof WP_Error ) {
			Console::fail( $result );
			return;
		}
		if ( null !== $result['client_secret'] ) {
			self::show_with_secret( $assoc_args, $result['client'], $result['client_secret'], 'Updated' );
			return;
		}
		if ( 'table' === Console::format( $assoc_args ) ) {
			WP_CLI::success( sprintf( 'Updated client %s.', $result['client']->client_id ) );
			return;
		}
		Console::record( $assoc_args, $result['client']->to_array() );
	}

	/**
	 * Deletes a client, revokes its codes and tokens and forgets the consents given to it.
	 *
	 * ## OPTIONS
	 *
	 * <client_id>
	 * : The client's client_id.
	 *
	 * [--yes]
	 * : Do not ask for confirmation.
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp oidc client delete 3f2a9c0e5b7d41e8a6c2f0b1d9e4a7c3 --yes
	 *
	 * @param string[]            $args
	 * @param array<string,mixed> $assoc_args
	 */
	public function delete( array $args, array $assoc_args ): void {
		$client = self::changeable( $args[0] );
		Console::confirm( sprintf( 'Delete the client "%s" (%s)? Everyone signed in to it through this site is signed out.', $client->name, $client->client_id ), $assoc_args );
		$result = Client_Manager::delete( $client->client_id );
		if ( $result instanceof WP_Error ) {
			Console::fail( $result );
			return;
		}
		WP_CLI::success( sprintf( 'Deleted client %s.', $client->client_id ) );
	}

	/**
	 * Gives a confidential client a new secret, shown once. The old one stops working at once.
	 *
	 * ## OPTIONS
	 *
	 * <client_id>
	 * : The client's client_id.
	 *
	 * [--yes]
	 * : Do not ask for confirmation.
	 *
	 * [--format=<format>]
	 * : table: a message and the secret; json or yaml: {client_id, client_secret}.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - yaml
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp oidc client reset-secret 3f2a9c0e5b7d41e8a6c2f0b1d9e4a7c3 --yes --format=json
	 *
	 * @subcommand reset-secret
	 *
	 * @param string[]            $args
	 * @param array<string,mixed> $assoc_args
	 */
	public function reset_secret( array $args, array $assoc_args ): void {
		$client = self::changeable( $args[0] );
		Console::confirm( sprintf( 'Replace the secret of "%s" (%s)? The current secret stops working at once.', $client->name, $client->client_id ), $assoc_args );
		$result = Client_Manager::reset_secret( $client->client_id );
		if ( $result instanceof WP_Error ) {
			Console::fail( $result );
			return;
		}
		$answer = array(
			'client_id'     => $result['client']->client_id,
			'client_secret' => $result['client_secret'],
		);
		if ( 'table' !== Console::format( $assoc_args ) ) {
			Console::record( $assoc_args, $answer );
			return;
		}
		WP_CLI::success( sprintf( 'New secret for client %s. It is shown only now:', $answer['client_id'] ) );
		WP_CLI::line( 'client_secret: ' . $answer['client_secret'] );
	}

	/**
	 * The client, refused before any confirmation when it is declared in code.
	 */
	private static function changeable( string $client_id ): Client {
		$client = self::find( $client_id );
		if ( Client::SOURCE_CODE === $client->source ) {
			Console::fail( Client_Manager::defined_in_code() );
			exit( 1 );
		}
		return $client;
	}

	/**
	 * The client, or the REST API's not-found error (exit code 1).
	 */
	private static function find( string $client_id ): Client {
		$client = Client_Repository::find( $client_id );
		if ( null === $client ) {
			Console::fail( Client_Manager::not_found() );
			exit( 1 );
		}
		return $client;
	}

	/**
	 * @param array<string,mixed> $assoc_args
	 */
	private static function show_with_secret( array $assoc_args, Client $client, ?string $secret, string $done ): void {
		if ( 'table' !== Console::format( $assoc_args ) ) {
			Console::record( $assoc_args, array_merge( $client->to_array(), array( 'client_secret' => $secret ) ) );
			return;
		}
		WP_CLI::success( sprintf( '%s client "%s".', $done, $client->name ) );
		WP_CLI::line( 'client_id: ' . $client->client_id );
		if ( null !== $secret ) {
			WP_CLI::line( 'client_secret: ' . $secret );
			WP_CLI::line( 'The secret is shown only now: store it in the application\'s settings.' );
		}
	}

	/**
	 * The raw command line, where a repeated flag keeps every value.
	 *
	 * @return string[]
	 */
	private static function argv(): array {
		return isset( $GLOBALS['argv'] ) && is_array( $GLOBALS['argv'] ) ? array_map( 'strval', $GLOBALS['argv'] ) : array();
	}
}
