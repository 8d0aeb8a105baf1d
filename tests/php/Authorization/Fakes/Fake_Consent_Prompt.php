<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Authorization\Fakes;

use Keystone_OIDC\Authorization\Consent_Prompt;
use Keystone_OIDC\Authorization\Pending_Consents;
use Keystone_OIDC\Authorization\Signed_In_User;
use Keystone_OIDC\Endpoints\Authorization_Request;
use Keystone_OIDC\Http\Answer;

/**
 * Keeps the request as the consent page does and answers with a page naming its request ID.
 */
final class Fake_Consent_Prompt implements Consent_Prompt {
	/** @var Pending_Consents */
	private $pending;

	/** @var string|null */
	public $last_request_id = null;

	/** @var string|null */
	public $last_return_url = null;

	public function __construct( Pending_Consents $pending ) {
		$this->pending = $pending;
	}

	public function ask( Authorization_Request $request, Signed_In_User $user, string $return_url ): Answer {
		$this->last_request_id = $this->pending->create( $user->id, $user->auth_time, $request->to_array() );
		$this->last_return_url = $return_url;
		return Answer::html( 200, 'consent ' . $this->last_request_id );
	}
}
