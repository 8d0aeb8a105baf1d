<?php
declare(strict_types=1);

namespace Keystone_OIDC\Upgrade;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Crypto\Legacy_Secret_Hash;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Storage\Client_Repository;

/**
 * The secret of a client carried over from Keystone OIDC 2.x: its relying party keeps sending the
 * secret it always had. The first time it matches the 2.x password hash, the hash is replaced by
 * the current storage form (`Crypto\Secret_Hash`), so the slow check runs once per client and the
 * 2.x hash leaves the database. The plaintext is never stored.
 */
final class Legacy_Client_Secret {
	public static function verify_and_replace( Client $client, string $secret ): bool {
		if ( null === $client->legacy_secret_hash || ! Legacy_Secret_Hash::verify( $secret, $client->legacy_secret_hash ) ) {
			return false;
		}
		// A client declared in code has no row to update: its definition keeps the 2.x hash.
		if ( Client::SOURCE_CODE !== $client->source ) {
			Client_Repository::replace_legacy_secret( $client->client_id, $client->legacy_secret_hash, Secret_Hash::hash( $secret ) );
		}
		return true;
	}
}
