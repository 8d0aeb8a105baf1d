<?php
declare(strict_types=1);

namespace Keystone_OIDC\Cli;

use Keystone_OIDC\Clients\Client_Manager;
use Keystone_OIDC\Container;
use Keystone_OIDC\Sessions\Backchannel_Logout;
use Keystone_OIDC\Storage\Client_Repository;
use WP_CLI;

/**
 * Revokes access and refresh tokens.
 *
 * ## EXAMPLES
 *
 *     $ wp oidc tokens revoke --user=42 --yes
 */
final class Tokens_Command {
	/** @var Container */
	private $container;

	public function __construct( Container $container ) {
		$this->container = $container;
	}

	/**
	 * Revokes the tokens of one client, of one user, or every token.
	 *
	 * A revoked access token is inactive at once (UserInfo, introspection) and a revoked refresh
	 * token can no longer be used.
	 *
	 * --user=<user> (WP-CLI's global flag: an ID, login or email) ends every grant of that user as
	 * a password change does: its codes too, offline_access grants included, and each client with
	 * a back-channel logout URI is told.
	 *
	 * ## OPTIONS
	 *
	 * [--client=<client_id>]
	 * : Revoke the tokens and codes issued to this client.
	 *
	 * [--all]
	 * : Revoke every token of every user and client.
	 *
	 * [--yes]
	 * : Do not ask for confirmation.
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp oidc tokens revoke --client=3f2a9c0e5b7d41e8a6c2f0b1d9e4a7c3 --yes
	 *     $ wp oidc tokens revoke --user=alice --yes
	 *     $ wp oidc tokens revoke --all
	 *
	 * @param string[]            $args
	 * @param array<string,mixed> $assoc_args
	 */
	public function revoke( array $args, array $assoc_args ): void {
		// `--user` is WP-CLI's global flag: WP-CLI has already found that user (or stopped with
		// its own error) and made it the current user.
		$user_given = null !== WP_CLI::get_config( 'user' );
		$chosen     = array_values( array_intersect( array( 'client', 'all' ), array_keys( $assoc_args ) ) );
		if ( $user_given ) {
			$chosen[] = 'user';
		}
		if ( 1 !== count( $chosen ) ) {
			Console::fail_with( 'keystone_oidc_invalid_arguments', 'Name exactly one of --client=<client_id>, --user=<user> or --all.' );
			return;
		}
		$tokens = $this->container->token_store();
		if ( 'all' === $chosen[0] ) {
			Console::confirm( 'Revoke every token of every user? Everyone is signed out of every application.', $assoc_args );
			WP_CLI::success( sprintf( 'Revoked %d tokens.', $tokens->revoke_all() ) );
			return;
		}
		if ( 'client' === $chosen[0] ) {
			$client = Client_Repository::find( (string) $assoc_args['client'] );
			if ( null === $client ) {
				Console::fail( Client_Manager::not_found() );
				return;
			}
			Console::confirm( sprintf( 'Revoke every token of the client "%s" (%s)?', $client->name, $client->client_id ), $assoc_args );
			WP_CLI::success( sprintf( 'Revoked %d tokens of client %s.', Client_Manager::end_grants( $client->client_id ), $client->client_id ) );
			return;
		}
		$user = wp_get_current_user();
		Console::confirm( sprintf( 'Revoke every token of the user %s (%d)?', $user->user_login, $user->ID ), $assoc_args );
		$before = count( $tokens->unrevoked_for_user( $user->ID ) );
		Backchannel_Logout::all_grants_ended( $user->ID );
		$revoked = $before - count( $tokens->unrevoked_for_user( $user->ID ) );
		WP_CLI::success( sprintf( 'Revoked %d tokens of user %d.', $revoked, $user->ID ) );
	}
}
