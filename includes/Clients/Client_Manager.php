<?php
declare(strict_types=1);

namespace Keystone_OIDC\Clients;

use Keystone_OIDC\Clock;
use Keystone_OIDC\Container;
use Keystone_OIDC\Crypto\Random;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Storage\Client_Repository;
use Keystone_OIDC\Storage\Consent_Repository;
use Keystone_OIDC\Upgrade\Legacy_Client_Secret;
use WP_Error;

/**
 * Creates, changes and deletes clients. A secret is 256 random bits, returned once and stored only
 * as its hash: it is high-entropy, so a fast hash compared with `hash_equals` is as strong as a
 * slow password hash and keeps the token endpoint fast.
 */
final class Client_Manager {
	const SECRET_BYTES = 32;

	/**
	 * @param array<string,mixed> $input  The `ClientInput` fields the request carried.
	 * @param string              $source Who makes it: `Client::SOURCE_*`.
	 * @return array{client: Client, client_secret: ?string}|WP_Error
	 */
	public static function create( array $input, string $source = Client::SOURCE_ADMIN ) {
		$now               = self::now_iso();
		$draft             = new Client();
		$draft->source     = $source;
		$draft->created_at = $now;
		$draft->updated_at = $now;
		$client            = Client_Input::apply( $input, $draft, false );
		if ( $client instanceof WP_Error ) {
			return $client;
		}
		$secret              = $client->is_public() ? null : self::new_secret();
		$client->secret_hash = null === $secret ? null : Secret_Hash::hash( $secret );

		// A collision of 128 random bits is not expected; the retry only keeps a freak one from failing.
		for ( $attempt = 0; $attempt < 3; $attempt++ ) {
			$client->client_id = Random::hex( 16 );
			if ( ! Client_Repository::exists( $client->client_id ) && Client_Repository::insert( $client ) ) {
				do_action( 'keystone_oidc_client_changed', 'created', $client->client_id );
				return array(
					'client'        => $client,
					'client_secret' => $secret,
				);
			}
		}
		return new WP_Error( 'keystone_oidc_storage_error', __( 'The client could not be saved.', 'keystone-oidc' ), array( 'status' => 500 ) );
	}

	/**
	 * Applies a full (PUT) or partial (PATCH) `ClientInput`. A public client that becomes
	 * confidential gets a new secret, returned once; a confidential one that becomes public loses
	 * its secret.
	 *
	 * @param array<string,mixed> $input
	 * @return array{client: Client, client_secret: ?string}|WP_Error
	 */
	public static function update( string $client_id, array $input, bool $partial ) {
		$current = Client_Repository::find( $client_id );
		if ( null === $current ) {
			return self::not_found();
		}
		if ( Client::SOURCE_CODE === $current->source ) {
			return self::defined_in_code();
		}
		$client = Client_Input::apply( $input, $current, $partial );
		if ( $client instanceof WP_Error ) {
			return $client;
		}
		$secret = null;
		if ( $client->is_public() ) {
			$client->secret_hash        = null;
			$client->legacy_secret_hash = null;
		} elseif ( $current->is_public() ) {
			$secret                     = self::new_secret();
			$client->secret_hash        = Secret_Hash::hash( $secret );
			$client->legacy_secret_hash = null;
		}
		$client->updated_at = self::now_iso();
		if ( ! Client_Repository::update( $client ) ) {
			return new WP_Error( 'keystone_oidc_storage_error', __( 'The client could not be saved.', 'keystone-oidc' ), array( 'status' => 500 ) );
		}
		do_action( 'keystone_oidc_client_changed', 'updated', $client_id );
		return array(
			'client'        => $client,
			'client_secret' => $secret,
		);
	}

	/**
	 * Creates or replaces (as a full input) the client with this `client_id`, as a configuration
	 * carried from another site asks (`wp oidc config import`): the id the relying party already
	 * knows is kept. A secret is never carried in plaintext: `$secret_hash` (a `Secret_Hash` value)
	 * keeps the old one; without it a new client gets a new secret, returned once, and an existing
	 * one keeps its own.
	 *
	 * @param array<string,mixed> $input
	 * @return array{client: Client, client_secret: ?string, created: bool}|WP_Error
	 */
	public static function import( string $client_id, array $input, ?string $secret_hash ) {
		$problem = self::import_problem( $client_id, $secret_hash );
		if ( null !== $problem ) {
			return $problem;
		}
		if ( Container::site()->code_clients()->defines( $client_id ) ) {
			return self::defined_in_code();
		}
		$current = Client_Repository::find( $client_id );
		$now     = self::now_iso();
		$base    = $current;
		if ( null === $base ) {
			$base             = new Client();
			$base->client_id  = $client_id;
			$base->created_at = $now;
		}
		$client = Client_Input::apply( $input, $base, false );
		if ( $client instanceof WP_Error ) {
			return $client;
		}
		$secret = null;
		if ( $client->is_public() ) {
			$client->secret_hash        = null;
			$client->legacy_secret_hash = null;
		} elseif ( null !== $secret_hash ) {
			$client->secret_hash        = $secret_hash;
			$client->legacy_secret_hash = null;
		} elseif ( null === $current || $current->is_public() ) {
			$secret              = self::new_secret();
			$client->secret_hash = Secret_Hash::hash( $secret );
		} else {
			// Its own secret stays, a 2.x one included.
			$client->legacy_secret_hash = $current->legacy_secret_hash;
		}
		$client->updated_at = $now;
		$saved              = null === $current ? Client_Repository::insert( $client ) : Client_Repository::update( $client );
		if ( ! $saved ) {
			return new WP_Error( 'keystone_oidc_storage_error', __( 'The client could not be saved.', 'keystone-oidc' ), array( 'status' => 500 ) );
		}
		return array(
			'client'        => $client,
			'client_secret' => $secret,
			'created'       => null === $current,
		);
	}

	/**
	 * What is wrong with a carried `client_id` or `secret_hash`, or null.
	 *
	 * @param mixed $client_id
	 * @param mixed $secret_hash A `Secret_Hash` value, or null for none.
	 */
	public static function import_problem( $client_id, $secret_hash ): ?WP_Error {
		if ( ! is_string( $client_id ) || 1 !== preg_match( '/^[\x21-\x7E]{1,64}$/', $client_id ) ) {
			return new WP_Error( 'keystone_oidc_invalid_client_id', __( 'A client_id must be 1 to 64 printable ASCII characters without spaces.', 'keystone-oidc' ), array( 'status' => 400 ) );
		}
		if ( null !== $secret_hash && ( ! is_string( $secret_hash ) || 1 !== preg_match( '/^[0-9a-f]{64}$/', $secret_hash ) ) ) {
			return new WP_Error( 'keystone_oidc_invalid_secret_hash', __( 'A secret_hash must be the 64 lowercase hex digits of the secret\'s SHA-256 hash.', 'keystone-oidc' ), array( 'status' => 400 ) );
		}
		return null;
	}

	/**
	 * Replaces the secret; the old one stops working at once.
	 *
	 * @return array{client: Client, client_secret: string}|WP_Error
	 */
	public static function reset_secret( string $client_id ) {
		$client = Client_Repository::find( $client_id );
		if ( null === $client ) {
			return self::not_found();
		}
		if ( Client::SOURCE_CODE === $client->source ) {
			return self::defined_in_code();
		}
		if ( $client->is_public() ) {
			return new WP_Error( 'keystone_oidc_public_client', __( 'A public client has no secret.', 'keystone-oidc' ), array( 'status' => 400 ) );
		}
		$secret                     = self::new_secret();
		$client->secret_hash        = Secret_Hash::hash( $secret );
		$client->legacy_secret_hash = null;
		$client->updated_at         = self::now_iso();
		if ( ! Client_Repository::update( $client ) ) {
			return new WP_Error( 'keystone_oidc_storage_error', __( 'The secret could not be saved.', 'keystone-oidc' ), array( 'status' => 500 ) );
		}
		do_action( 'keystone_oidc_client_changed', 'secret_reset', $client_id );
		return array(
			'client'        => $client,
			'client_secret' => $secret,
		);
	}

	/**
	 * Deletes the client, then its codes, tokens and the consents users gave it: with the row gone
	 * no new ones are issued.
	 *
	 * @return true|WP_Error
	 */
	public static function delete( string $client_id ) {
		$client = Client_Repository::find( $client_id );
		if ( null === $client ) {
			return self::not_found();
		}
		if ( Client::SOURCE_CODE === $client->source ) {
			return self::defined_in_code();
		}
		Client_Repository::delete( $client_id );
		self::end_grants( $client_id );
		Consent_Repository::delete_for_client( $client_id );
		Container::site()->registrations()->delete( $client_id );
		do_action( 'keystone_oidc_client_changed', 'deleted', $client_id );
		return true;
	}

	/**
	 * Ends every grant of the client: its codes are deleted and its tokens revoked.
	 *
	 * @return int How many tokens were revoked.
	 */
	public static function end_grants( string $client_id ): int {
		Container::site()->code_store()->delete_for_client( $client_id );
		return Container::site()->token_store()->revoke_for_client( $client_id );
	}

	/**
	 * A client carried over from Keystone OIDC 2.x has only its 2.x password hash until the secret
	 * is first used; that hash is checked there alone, and never once `secret_hash` exists.
	 */
	public static function verify_secret( Client $client, string $secret ): bool {
		if ( $client->is_public() || '' === $secret ) {
			return false;
		}
		if ( null !== $client->secret_hash ) {
			return Secret_Hash::verify( $secret, $client->secret_hash );
		}
		return Legacy_Client_Secret::verify_and_replace( $client, $secret );
	}

	/**
	 * A client declared in code changes only where it is declared (wp-config.php or the
	 * `keystone_oidc_clients` filter): an edit here would be undone by the next request.
	 */
	public static function defined_in_code(): WP_Error {
		return new WP_Error( 'keystone_oidc_client_defined_in_code', __( 'This client is defined in code (wp-config.php or the keystone_oidc_clients filter): change or remove it there.', 'keystone-oidc' ), array( 'status' => 409 ) );
	}

	public static function not_found(): WP_Error {
		return new WP_Error( 'keystone_oidc_client_not_found', __( 'No client has this client_id.', 'keystone-oidc' ), array( 'status' => 404 ) );
	}

	private static function new_secret(): string {
		return Random::token( self::SECRET_BYTES );
	}

	private static function now_iso(): string {
		return gmdate( 'Y-m-d\TH:i:s\Z', Clock::now() );
	}
}
