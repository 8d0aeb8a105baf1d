<?php
declare(strict_types=1);

namespace Keystone_OIDC\Registration;

use Keystone_OIDC\Crypto\Random;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Time\Clock;

/**
 * RFC 7591 §3 initial access tokens, which the `token` policy requires of whoever registers a
 * client. An administrator creates one (the token is shown once), sees when each was last used and
 * revokes it. They are few, so they live in one option that is never autoloaded; each token is
 * kept only as its `Secret_Hash`.
 */
final class Initial_Access_Tokens {
	const OPTION = 'keystone_oidc_registration_tokens';

	/** More would only be forgotten; revoke one first. */
	const MAX_TOKENS = 50;

	/** @var Clock */
	private $clock;

	public function __construct( Clock $clock ) {
		$this->clock = $clock;
	}

	/**
	 * @return array{id: string, token: string}|null Null when `MAX_TOKENS` exist already.
	 */
	public function create(): ?array {
		$tokens = $this->stored();
		if ( count( $tokens ) >= self::MAX_TOKENS ) {
			return null;
		}
		$id       = Random::hex( 8 );
		$token    = Random::token( 32 );
		$tokens[] = array(
			'id'           => $id,
			'hash'         => Secret_Hash::hash( $token ),
			'created_at'   => $this->clock->now(),
			'last_used_at' => null,
		);
		$this->save( $tokens );
		return array(
			'id'    => $id,
			'token' => $token,
		);
	}

	/**
	 * Every token without its hash, oldest first.
	 *
	 * @return array<int,array{id: string, created_at: int, last_used_at: int|null}>
	 */
	public function describe(): array {
		return array_map(
			static function ( array $token ): array {
				return array(
					'id'           => $token['id'],
					'created_at'   => $token['created_at'],
					'last_used_at' => $token['last_used_at'],
				);
			},
			$this->stored()
		);
	}

	public function revoke( string $id ): bool {
		$tokens = $this->stored();
		$kept   = array_values(
			array_filter(
				$tokens,
				static function ( array $token ) use ( $id ): bool {
					return ! hash_equals( $token['id'], $id );
				}
			)
		);
		if ( count( $kept ) === count( $tokens ) ) {
			return false;
		}
		$this->save( $kept );
		return true;
	}

	/**
	 * The id of the token presented, its use recorded; null when it is none of ours.
	 */
	public function use( string $presented ): ?string {
		$tokens = $this->stored();
		foreach ( $tokens as $index => $token ) {
			if ( Secret_Hash::verify( $presented, $token['hash'] ) ) {
				$tokens[ $index ]['last_used_at'] = $this->clock->now();
				$this->save( $tokens );
				return $token['id'];
			}
		}
		return null;
	}

	/**
	 * @return array<int,array{id: string, hash: string, created_at: int, last_used_at: int|null}>
	 */
	private function stored(): array {
		$stored = get_option( self::OPTION, array() );
		$tokens = array();
		foreach ( is_array( $stored ) ? $stored : array() as $token ) {
			if ( is_array( $token ) && isset( $token['id'], $token['hash'] ) && is_string( $token['id'] ) && is_string( $token['hash'] ) ) {
				$tokens[] = array(
					'id'           => $token['id'],
					'hash'         => $token['hash'],
					'created_at'   => (int) ( $token['created_at'] ?? 0 ),
					'last_used_at' => isset( $token['last_used_at'] ) ? (int) $token['last_used_at'] : null,
				);
			}
		}
		return $tokens;
	}

	/**
	 * @param array<int,array<string,mixed>> $tokens
	 */
	private function save( array $tokens ): void {
		update_option( self::OPTION, $tokens, false );
	}
}
