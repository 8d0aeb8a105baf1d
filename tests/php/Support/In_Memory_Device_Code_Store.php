<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Support;

use Keystone_OIDC\Models\Device_Authorization;
use Keystone_OIDC\Storage\Device_Code_Store;

/**
 * Device authorization requests in an array, with the repository's conditional status changes.
 * `lose_next_redemption` makes the next `redeem` find the row already redeemed, as the loser of a
 * race does.
 */
final class In_Memory_Device_Code_Store implements Device_Code_Store {
	/** @var array<string,Device_Authorization> By device code hash. */
	public $rows = array();

	/** @var bool */
	public $lose_next_redemption = false;

	public function insert( Device_Authorization $authorization ): bool {
		if ( null !== $this->find_by_user_code( $authorization->user_code_hash ) ) {
			return false;
		}
		$this->rows[ $authorization->device_code_hash ] = clone $authorization;
		return true;
	}

	public function find( string $device_code_hash ): ?Device_Authorization {
		return isset( $this->rows[ $device_code_hash ] ) ? clone $this->rows[ $device_code_hash ] : null;
	}

	public function find_by_user_code( string $user_code_hash ): ?Device_Authorization {
		foreach ( $this->rows as $row ) {
			if ( $row->user_code_hash === $user_code_hash ) {
				return clone $row;
			}
		}
		return null;
	}

	public function record_poll( string $device_code_hash, int $now, int $poll_interval ): void {
		$this->rows[ $device_code_hash ]->last_polled_at = $now;
		$this->rows[ $device_code_hash ]->poll_interval  = $poll_interval;
	}

	public function decide( string $device_code_hash, string $status, int $user_id, int $auth_time ): bool {
		$row = $this->rows[ $device_code_hash ] ?? null;
		if ( null === $row || Device_Authorization::PENDING !== $row->status ) {
			return false;
		}
		$row->status    = $status;
		$row->user_id   = $user_id;
		$row->auth_time = $auth_time;
		return true;
	}

	public function redeem( string $device_code_hash ): bool {
		$row = $this->rows[ $device_code_hash ] ?? null;
		if ( $this->lose_next_redemption && null !== $row ) {
			$this->lose_next_redemption = false;
			$row->status                = Device_Authorization::REDEEMED;
		}
		if ( null === $row || Device_Authorization::APPROVED !== $row->status ) {
			return false;
		}
		$row->status = Device_Authorization::REDEEMED;
		return true;
	}

	public function delete_expired( int $now, int $limit ): int {
		$deleted = 0;
		foreach ( $this->rows as $hash => $row ) {
			if ( $row->expires_at < $now && $deleted < $limit ) {
				unset( $this->rows[ $hash ] );
				++$deleted;
			}
		}
		return $deleted;
	}
}
