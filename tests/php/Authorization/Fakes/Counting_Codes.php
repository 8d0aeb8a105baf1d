<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Authorization\Fakes;

use Keystone_OIDC\Authorization\Code_Issuance;
use Keystone_OIDC\Endpoints\Authorization_Request;

final class Counting_Codes implements Code_Issuance {
	/** @var array<int,array{request: Authorization_Request, user_id: int, auth_time: int}> */
	public $issued = array();

	public function issue( Authorization_Request $request, int $user_id, int $auth_time ): string {
		$this->issued[] = array(
			'request'   => $request,
			'user_id'   => $user_id,
			'auth_time' => $auth_time,
		);
		return 'code-' . count( $this->issued );
	}
}
