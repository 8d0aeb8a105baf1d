<?php
declare(strict_types=1);

namespace Keystone_OIDC\Keys;

use Keystone_OIDC\Time\Clock;

/**
 * Automatic rotation (`Settings.key_rotation_days`), run by the hourly cleanup job: when the
 * current signing keys are older than the period, `Key_Store::rotate_if_older` makes new ones and
 * retires the old, which stay published until every token they signed has expired.
 */
final class Scheduled_Rotation {
	/** @var Key_Store */
	private $keys;

	/** @var Clock */
	private $clock;

	/** @var int */
	private $days;

	public function __construct( Key_Store $keys, Clock $clock, int $days ) {
		$this->keys  = $keys;
		$this->clock = $clock;
		$this->days  = $days;
	}

	/**
	 * Pure: the creation time at or before which a current key is due for rotation, or null when
	 * rotation is off.
	 */
	public static function due_before( int $now, int $days ): ?int {
		return $days > 0 ? $now - $days * 86400 : null;
	}

	/**
	 * @return string|null The new RS256 kid, or null when nothing was due (or rotation is off).
	 */
	public function run(): ?string {
		$cutoff = self::due_before( $this->clock->now(), $this->days );
		if ( null === $cutoff ) {
			return null;
		}
		try {
			return $this->keys->rotate_if_older( $cutoff );
		} catch ( Keys_Unavailable $failure ) {
			// OpenSSL refused or another request held the keys: the next hourly run tries again,
			// and Site Health reports the key's age meanwhile.
			return null;
		}
	}
}
