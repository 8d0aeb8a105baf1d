<?php
declare(strict_types=1);

namespace Keystone_OIDC\Registration;

use Keystone_OIDC\Clients\Client_Manager;
use Keystone_OIDC\Storage\Registration_Repository;
use Keystone_OIDC\Time\Clock;

/**
 * Dynamically registered clients nobody used for `dynamic_client_idle_days` are deleted, with their
 * codes, tokens and consents (`Client_Manager::delete`): open registration must not fill the
 * clients table with what a tool registered once and forgot.
 */
final class Idle_Clients {
	const DAY = 86400;

	/** @var Registration_Repository */
	private $registrations;

	/** @var Clock */
	private $clock;

	/** @var int */
	private $idle_days;

	/**
	 * @param int $idle_days 0: never expire.
	 */
	public function __construct( Registration_Repository $registrations, Clock $clock, int $idle_days ) {
		$this->registrations = $registrations;
		$this->clock         = $clock;
		$this->idle_days     = $idle_days;
	}

	/**
	 * @return int How many clients were deleted.
	 */
	public function delete_expired( int $limit ): int {
		if ( $this->idle_days <= 0 ) {
			return 0;
		}
		$ids = $this->registrations->idle_since( $this->clock->now() - $this->idle_days * self::DAY, $limit );
		foreach ( $ids as $client_id ) {
			// A registration whose client is gone already only needs its own row removed.
			if ( true !== Client_Manager::delete( $client_id ) ) {
				$this->registrations->delete( $client_id );
			}
		}
		return count( $ids );
	}
}
