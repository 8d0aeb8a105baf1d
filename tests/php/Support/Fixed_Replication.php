<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Support;

use Keystone_OIDC\Storage\Replication;

/**
 * A database whose kind a test chooses: one server (`false`) or a cluster whose nodes race (`true`).
 */
final class Fixed_Replication implements Replication {
	/** @var bool */
	private $races;

	public function __construct( bool $races ) {
		$this->races = $races;
	}

	public function writes_race_across_nodes(): bool {
		return $this->races;
	}
}
