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

	/**
	 * Decides how every protocol failure is answered (page, redirect, form post, JSON).
	 */
	public function error_boundary(): Http\Error_Boundary {
		return $this->share(
			'error_boundary',
			static function (): Http\Error_Boundary {
				return new Http\Error_Boundary();
			}
		);
	}

	/**
	 * The endpoints whose answers the error boundary shapes, built with their pipelines; null for
	 * any other endpoint class.
	 *
	 * @param class-string<Endpoints\Endpoint> $class
	 */
	public function authorization_endpoint( string $class ): ?Endpoints\Endpoint {
		if ( Endpoints\Authorize::class === $class ) {
			$pipelines = $this->authorization_pipelines();
			return new Endpoints\Authorize( $pipelines->authorization(), $pipelines->consent_resume() );
		}
		if ( Endpoints\End_Session::class === $class ) {
			return new Endpoints\End_Session( $this->error_boundary() );
		}
		return null;
	}

	/**
	 * The authorization steps with WordPress behind each of their interfaces.
	 */
	public function authorization_pipelines(): Authorization\Pipelines {
		return $this->share(
			'authorization_pipelines',
			function (): Authorization\Pipelines {
				$authorize_url = Endpoints\Router::url( 'authorize' );
				$pending       = new Consent\Pending_Request();
				return new Authorization\Pipelines(
					new Authorization\Registered_Clients(),
					new Authorization\WordPress_Session(),
					new Consent\Remembered_Consents(),
					new Consent\Consent_Page( $pending, $authorize_url ),
					$pending,
					new Authorization\Stored_Codes(),
					new Authorization\Signed_Hint_Verifier(),
					array( Clock::class, 'now' ),
					Config::supported_scopes(),
					$authorize_url,
					$this->error_boundary()
				);
			}
		);
	}

	// ---- Keys and JWT ----
}
