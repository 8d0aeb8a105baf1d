<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

use Keystone_OIDC\Endpoints\Authorization_Response;
use Keystone_OIDC\Http\Answer;

/**
 * The last step: a new code, sent to the proven redirect URI (RFC 6749 §4.1.2).
 */
final class Issue_Code implements Step {
	/** @var Code_Issuance */
	private $codes;

	public function __construct( Code_Issuance $codes ) {
		$this->codes = $codes;
	}

	public function run( Context $context ): ?Answer {
		$request = $context->request();
		$code    = $this->codes->issue( $request, $context->user()->id, $context->auth_time );
		do_action( 'keystone_oidc_signed_in', $request->client, $context->user()->id, $request->scopes );
		return Authorization_Response::code( $request, $code, $context->method );
	}
}
