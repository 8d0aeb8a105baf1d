<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Authorization\Fakes;

use Keystone_OIDC\Authorization\Pending_Consents;

final class In_Memory_Pending implements Pending_Consents {
	/** @var array<string,array{user_id: int, auth_time: int, request: array<string,mixed>}> */
	public $waiting = array();

	public function create( int $user_id, int $auth_time, array $request ): string {
		$id                   = 'req-' . ( count( $this->waiting ) + 1 );
		$this->waiting[ $id ] = array(
			'user_id'   => $user_id,
			'auth_time' => $auth_time,
			'request'   => $request,
		);
		return $id;
	}

	public function take( string $id, int $user_id ): ?array {
		if ( ! isset( $this->waiting[ $id ] ) || $this->waiting[ $id ]['user_id'] !== $user_id ) {
			return null;
		}
		$pending = $this->waiting[ $id ];
		unset( $this->waiting[ $id ] );
		return $pending;
	}

	public function nonce( string $id ): string {
		return 'nonce-' . $id;
	}

	public function nonce_is_valid( string $id, string $nonce ): bool {
		return $this->nonce( $id ) === $nonce;
	}
}
