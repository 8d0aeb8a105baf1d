<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Endpoints\Authorization_Request;
use Keystone_OIDC\Http\Parameters;

/**
 * What the steps of one authorization request learn, in order: the client, then the request once
 * its redirect URI is proven (from then on errors go back to the client), then the user.
 */
final class Context {
	/** @var Parameters */
	public $params;

	/** @var string GET or POST: a redirect after a POST is a 303. */
	public $method;

	/** @var Client|null Known once `client_id` names a registered client. */
	public $client = null;

	/** @var Authorization_Request|null Set only once client and redirect URI are proven. */
	public $request = null;

	/** @var Signed_In_User|null */
	public $user = null;

	/** @var int When the user signed in (`Tokens\Grant::AUTH_TIME_UNKNOWN` when nobody knows). */
	public $auth_time = 0;

	public function __construct( Parameters $params, string $method ) {
		$this->params = $params;
		$this->method = $method;
	}

	/**
	 * The proven request, for the steps that run after it is known.
	 */
	public function request(): Authorization_Request {
		if ( null === $this->request ) {
			throw new \LogicException( 'A step that needs the proven request runs before it is proven' );
		}
		return $this->request;
	}

	public function user(): Signed_In_User {
		if ( null === $this->user ) {
			throw new \LogicException( 'A step that needs the user runs before the user is known' );
		}
		return $this->user;
	}
}
