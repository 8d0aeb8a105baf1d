<?php
declare(strict_types=1);

namespace Keystone_OIDC\Cron;

use Keystone_OIDC\Activity\Expired_Activity;
use Keystone_OIDC\Keys\Key_Store;
use Keystone_OIDC\Registration\Idle_Clients;
use Keystone_OIDC\Storage\Assertion_Jti_Store;
use Keystone_OIDC\Storage\Code_Store;
use Keystone_OIDC\Storage\Device_Code_Store;
use Keystone_OIDC\Storage\Token_Store;
use Keystone_OIDC\Time\Clock;

/**
 * The hourly job: deletes expired codes, expired or long-revoked tokens, retired keys no token
 * can need, expired device authorization requests and dynamically registered clients idle for too
 * long, and activity log entries older than `activity_retention_days`. Rows go in bounded batches so one run never holds a long lock or outlives a request; what
 * is left waits for the next run.
 */
final class Cleanup {
	const BATCH_SIZE  = 1000;
	const MAX_BATCHES = 20;

	/** @var Code_Store */
	private $codes;

	/** @var Token_Store */
	private $tokens;

	/** @var Clock */
	private $clock;

	/** @var Key_Store */
	private $keys;

	/** @var Device_Code_Store */
	private $devices;

	/** @var Idle_Clients */
	private $idle_clients;

	/** @var Assertion_Jti_Store */
	private $assertion_jtis;

	/** @var Expired_Activity */
	private $activity;

	public function __construct( Code_Store $codes, Token_Store $tokens, Clock $clock, Key_Store $keys, Device_Code_Store $devices, Idle_Clients $idle_clients, Assertion_Jti_Store $assertion_jtis, Expired_Activity $activity ) {
		$this->codes          = $codes;
		$this->tokens         = $tokens;
		$this->clock          = $clock;
		$this->keys           = $keys;
		$this->devices        = $devices;
		$this->idle_clients   = $idle_clients;
		$this->assertion_jtis = $assertion_jtis;
		$this->activity       = $activity;
	}

	/**
	 * @return array{codes: int, tokens: int, keys: int, device_codes: int, dynamic_clients: int, assertion_jtis: int, activity: int} How many of each were removed.
	 */
	public function run(): array {
		$now     = $this->clock->now();
		$codes   = $this->codes;
		$tokens  = $this->tokens;
		$devices = $this->devices;
		$idle    = $this->idle_clients;
		$jtis    = $this->assertion_jtis;
		return array(
			'codes'  => self::in_batches(
				static function ( int $limit ) use ( $codes, $now ): int {
					return $codes->delete_expired( $now, $limit );
				}
			),
			'tokens' => self::in_batches(
				static function ( int $limit ) use ( $tokens, $now ): int {
					return $tokens->delete_expired( $now, $limit );
				}
			),
			'keys'   => $this->keys->prune(),
			'device_codes' => self::in_batches(
				static function ( int $limit ) use ( $devices, $now ): int {
					return $devices->delete_expired( $now, $limit );
				}
			),
			// Idle dynamic clients (issue 12), after their expired tokens went above.
			'dynamic_clients' => self::in_batches( array( $idle, 'delete_expired' ) ),
			'assertion_jtis' => self::in_batches(
				static function ( int $limit ) use ( $jtis, $now ): int {
					return $jtis->delete_expired( $now, $limit );
				}
			),
			'activity' => self::in_batches( array( $this->activity, 'delete_expired' ) ),
		);
	}

	/**
	 * @param callable(int):int $delete_batch Deletes up to the given number of rows, returns how many.
	 */
	private static function in_batches( callable $delete_batch ): int {
		$total = 0;
		for ( $batch = 0; $batch < self::MAX_BATCHES; $batch++ ) {
			$deleted = $delete_batch( self::BATCH_SIZE );
			$total  += $deleted;
			if ( $deleted < self::BATCH_SIZE ) {
				break;
			}
		}
		return $total;
	}
}
