<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Users\Allowed_Users;

/**
 * A client restricted to some roles signs in only users who have one of them (`Users\Allowed_Users`,
 * which the grants ask again later). Run again when the consent decision comes back: the user's
 * roles may have changed while the screen was open.
 */
final class Allowed_Roles implements Step {
	/** @var Allowed_Users */
	private $allowed;

	public function __construct( Allowed_Users $allowed ) {
		$this->allowed = $allowed;
	}

	public function run( Context $context ): ?Answer {
		if ( ! $this->allowed->may_sign_in( $context->user()->account, $context->request()->client ) ) {
			throw OAuth_Error::access_denied( 'This account may not sign in to this application' );
		}
		return null;
	}
}
