<?php
declare(strict_types=1);

namespace Keystone_OIDC\Device;

use Keystone_OIDC\Time\Clock;

/**
 * RFC 8628 §5.1: user codes are short, so guessing them is bounded per user: after `MAX_WRONG`
 * wrong entries within `WINDOW` seconds the verification page refuses every entry until the
 * oldest of them leaves the window. The wrong entries are kept in the user's meta, so signing out
 * and in again or opening another browser does not reset them.
 */
final class Guess_Limit {
	const MAX_WRONG = 5;
	const WINDOW    = 900;
	const META_KEY  = 'keystone_oidc_device_wrong_codes';

	/** @var Clock */
	private $clock;

	public function __construct( Clock $clock ) {
		$this->clock = $clock;
	}

	public function is_reached( int $user_id ): bool {
		return count( self::recent( $this->stored( $user_id ), $this->clock->now() ) ) >= self::MAX_WRONG;
	}

	public function record_wrong( int $user_id ): void {
		$now      = $this->clock->now();
		$recent   = self::recent( $this->stored( $user_id ), $now );
		$recent[] = $now;
		update_user_meta( $user_id, self::META_KEY, $recent );
	}

	/**
	 * The wrong entries still inside the window, oldest first.
	 *
	 * @param mixed $stored As stored: a list of unix times, or anything else when never set.
	 * @return int[]
	 */
	public static function recent( $stored, int $now ): array {
		$times = array();
		foreach ( is_array( $stored ) ? $stored : array() as $time ) {
			if ( is_int( $time ) && $time > $now - self::WINDOW && $time <= $now ) {
				$times[] = $time;
			}
		}
		sort( $times );
		return $times;
	}

	/**
	 * @return mixed
	 */
	private function stored( int $user_id ) {
		return get_user_meta( $user_id, self::META_KEY, true );
	}
}
