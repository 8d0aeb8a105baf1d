<?php
declare(strict_types=1);

namespace Keystone_OIDC\Activity;

use Keystone_OIDC\Time\Clock;

/**
 * The entries older than `activity_retention_days`, which the hourly cleanup deletes in batches.
 */
final class Expired_Activity {
	const DAY = 86400;

	/** @var Activity_Repository */
	private $entries;

	/** @var Clock */
	private $clock;

	/** @var int */
	private $retention_days;

	public function __construct( Activity_Repository $entries, Clock $clock, int $retention_days ) {
		$this->entries        = $entries;
		$this->clock          = $clock;
		$this->retention_days = $retention_days;
	}

	/**
	 * @return int How many entries were deleted, at most `$limit`.
	 */
	public function delete_expired( int $limit ): int {
		return $this->entries->delete_before( $this->clock->now() - $this->retention_days * self::DAY, $limit );
	}
}
