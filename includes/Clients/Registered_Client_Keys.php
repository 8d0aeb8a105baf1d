<?php
declare(strict_types=1);

namespace Keystone_OIDC\Clients;

use Keystone_OIDC\Http\Outbound;
use Keystone_OIDC\Time\Clock;

/**
 * A client's keys from its pasted `jwks`, or fetched from its `jwks_uri` through `Http\Outbound`
 * (https to public hosts only, 3 s, 64 KiB) and kept in a transient for `CACHE_TTL`. An unknown
 * kid asks the URI again, but never sooner than `REFETCH_FLOOR` after the last fetch, so a stream of
 * assertions with made-up kids cannot turn the provider into a request cannon. A failed fetch is
 * remembered for `REFETCH_FLOOR` too.
 */
final class Registered_Client_Keys implements Client_Key_Source {
	const CACHE_TTL      = 600;
	const REFETCH_FLOOR  = 60;
	const TIMEOUT        = 3;
	const MAX_BYTES      = 65536;
	const TRANSIENT_BASE = 'keystone_oidc_jwks_';

	/** @var Clock */
	private $clock;

	public function __construct( Clock $clock ) {
		$this->clock = $clock;
	}

	public function keys( Client $client, bool $refresh = false ): array {
		if ( null !== $client->jwks ) {
			return (array) ( $client->jwks['keys'] ?? array() );
		}
		if ( '' === $client->jwks_uri ) {
			throw new Keys_Unavailable( 'The client has neither jwks nor jwks_uri.' );
		}
		$cached = $this->cached( $client->jwks_uri );
		$fresh  = null !== $cached && $this->clock->now() - $cached['fetched_at'] < self::REFETCH_FLOOR;
		if ( null !== $cached && ( ! $refresh || $fresh ) ) {
			return self::keys_or_fail( $cached );
		}
		$entry = $this->fetch( $client->jwks_uri );
		set_transient( self::transient( $client->jwks_uri ), $entry, isset( $entry['error'] ) ? self::REFETCH_FLOOR : self::CACHE_TTL );
		return self::keys_or_fail( $entry );
	}

	/**
	 * When the cached copy of a client's `jwks_uri` was fetched, for the admin screen.
	 */
	public function fetched_at( Client $client ): ?int {
		$cached = '' === $client->jwks_uri ? null : $this->cached( $client->jwks_uri );
		return null === $cached ? null : $cached['fetched_at'];
	}

	/**
	 * @return array{fetched_at: int, keys?: array<int|string,mixed>, error?: string}|null
	 */
	private function cached( string $uri ): ?array {
		$entry = get_transient( self::transient( $uri ) );
		return is_array( $entry ) && is_int( $entry['fetched_at'] ?? null ) ? $entry : null;
	}

	/**
	 * @return array{fetched_at: int, keys?: array<int|string,mixed>, error?: string}
	 */
	private function fetch( string $uri ): array {
		$response = Outbound::get(
			$uri,
			array(
				'timeout'             => self::TIMEOUT,
				'redirection'         => 0,
				'limit_response_size' => self::MAX_BYTES,
				'headers'             => array( 'Accept' => 'application/jwk-set+json, application/json' ),
			)
		);
		$entry    = array( 'fetched_at' => $this->clock->now() );
		if ( is_wp_error( $response ) ) {
			return $entry + array( 'error' => sprintf( 'The jwks_uri could not be fetched: %s', $response->get_error_message() ) );
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		$body   = (string) wp_remote_retrieve_body( $response );
		if ( 200 !== $status ) {
			return $entry + array( 'error' => sprintf( 'The jwks_uri answered with HTTP status %d.', $status ) );
		}
		$set = strlen( $body ) >= self::MAX_BYTES ? null : json_decode( $body, true );
		if ( ! is_array( $set ) || ! isset( $set['keys'] ) || ! is_array( $set['keys'] ) ) {
			return $entry + array( 'error' => sprintf( 'The jwks_uri did not answer with a JWK Set of less than %d bytes.', self::MAX_BYTES ) );
		}
		return $entry + array( 'keys' => array_values( $set['keys'] ) );
	}

	/**
	 * @param array{fetched_at: int, keys?: array<int|string,mixed>, error?: string} $entry
	 * @return array<int|string,mixed>
	 */
	private static function keys_or_fail( array $entry ): array {
		if ( isset( $entry['error'] ) || ! isset( $entry['keys'] ) ) {
			throw new Keys_Unavailable( (string) ( $entry['error'] ?? 'The jwks_uri gave no keys.' ) );
		}
		return $entry['keys'];
	}

	private static function transient( string $uri ): string {
		return self::TRANSIENT_BASE . md5( $uri );
	}
}
