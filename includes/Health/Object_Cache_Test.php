<?php
declare(strict_types=1);

namespace Keystone_OIDC\Health;

/**
 * Whether a persistent object cache serves the site. Every token request reads the client, the
 * signing keys (a non-autoloaded option) and the token rows; a persistent cache keeps the options in
 * memory across requests and makes a key rotation on one web server seen by the others at once.
 */
final class Object_Cache_Test implements Health_Test {
	const ID = 'keystone_oidc_object_cache';

	public function id(): string {
		return self::ID;
	}

	public function label(): string {
		return __( 'Persistent object cache for the OpenID Connect provider', 'keystone-oidc' );
	}

	public function is_async(): bool {
		return false;
	}

	public function run(): array {
		if ( wp_using_ext_object_cache() ) {
			return Result::make(
				self::ID,
				Result::GOOD,
				Result::PERFORMANCE,
				__( 'A persistent object cache serves the OpenID Connect provider', 'keystone-oidc' ),
				Result::paragraphs( __( 'The signing keys and settings the token endpoint reads come from memory, not from the database, on every request.', 'keystone-oidc' ) )
			);
		}
		return Result::make(
			self::ID,
			Result::RECOMMENDED,
			Result::PERFORMANCE,
			__( 'No persistent object cache: the OpenID Connect provider reads everything from the database', 'keystone-oidc' ),
			Result::paragraphs(
				__( 'Each token, UserInfo and JWKS request reads the signing keys and settings from the database again. A persistent object cache (Redis or Memcached, with its object-cache.php drop-in) keeps them in memory, and on sites with several web servers it is shared, so a key rotation is seen everywhere at once.', 'keystone-oidc' ),
				__( 'Ask your host for Redis or Memcached and install the matching object cache plugin. The provider works without one; it only does more work per request.', 'keystone-oidc' )
			)
		);
	}
}
