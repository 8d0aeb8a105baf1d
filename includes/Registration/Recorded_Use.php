<?php
declare(strict_types=1);

namespace Keystone_OIDC\Registration;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Grants\Grant_Type;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Storage\Registration_Repository;
use Keystone_OIDC\Time\Clock;

/**
 * A grant that notes when a dynamically registered client last received tokens, which the idle
 * expiry (`Idle_Clients`) reads. Other clients cost nothing; a dynamic one an update that writes
 * at most once a day.
 */
final class Recorded_Use implements Grant_Type {
	/** @var Grant_Type */
	private $grant;

	/** @var Registration_Repository */
	private $registrations;

	/** @var Clock */
	private $clock;

	public function __construct( Grant_Type $grant, Registration_Repository $registrations, Clock $clock ) {
		$this->grant         = $grant;
		$this->registrations = $registrations;
		$this->clock         = $clock;
	}

	/**
	 * @param array<string,Grant_Type> $grants
	 * @return array<string,Grant_Type> The same grants, each recording the use.
	 */
	public static function around( array $grants, Registration_Repository $registrations, Clock $clock ): array {
		foreach ( $grants as $type => $grant ) {
			$grants[ $type ] = new self( $grant, $registrations, $clock );
		}
		return $grants;
	}

	public function execute( Client $client, Parameters $params ): array {
		$tokens = $this->grant->execute( $client, $params );
		if ( Client::SOURCE_DYNAMIC === $client->source ) {
			$this->registrations->record_use( $client->client_id, $this->clock->now() );
		}
		return $tokens;
	}
}
