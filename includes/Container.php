<?php
declare(strict_types=1);

namespace Keystone_OIDC;

/**
 * The composition root: every endpoint, grant, repository, the key store, the clock and the source
 * of randomness are built here, once per request and only when first asked for, and handed to
 * whoever needs them through constructors. Nothing else calls `new` on a collaborator or reaches
 * for a singleton. PHPUnit builds the same objects with in-memory repositories and a fixed clock
 * instead of calling this class.
 */
final class Container {
	/** @var self|null */
	private static $site;

	/** @var array<string,object> */
	private $shared = array();

	/**
	 * The container of this WordPress request.
	 */
	public static function site(): self {
		if ( null === self::$site ) {
			self::$site = new self();
		}
		return self::$site;
	}

	/**
	 * Forgets every object built so far (a test run in one PHP process, or a site switch).
	 */
	public static function reset(): void {
		self::$site = null;
	}

	/**
	 * @template T of object
	 * @param string        $id   One name per object.
	 * @param callable():T $make Builds it.
	 * @return T
	 */
	private function share( string $id, callable $make ) {
		if ( ! isset( $this->shared[ $id ] ) ) {
			$this->shared[ $id ] = $make();
		}
		return $this->shared[ $id ];
	}

	// ---- Time, randomness, storage, grants, token endpoint (core) ----

	// ---- Authorization pipeline, consent, error boundary ----

	// ---- Keys and JWT ----

	/**
	 * The signing keys; also the key set our own tokens are verified against.
	 */
	public function key_store(): Keys\Key_Store {
		return $this->share(
			'key_store',
			static function (): Keys\Key_Store {
				return new Keys\Key_Store();
			}
		);
	}

	public function jwt_verifier(): Jwt\Jwt_Verifier {
		return $this->share(
			'jwt_verifier',
			static function (): Jwt\Jwt_Verifier {
				return new Jwt\Jwt_Verifier(
					static function (): int {
						return Clock::now();
					}
				);
			}
		);
	}
}
