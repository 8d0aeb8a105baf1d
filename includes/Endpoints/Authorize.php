<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Authorization\Pipeline;
use Keystone_OIDC\Http\Method_Guard;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Http\Responder;

/**
 * The authorization endpoint (RFC 6749 §4.1.1, OIDC Core §3.1.2), GET or POST: the authorization
 * pipeline (`Authorization\Pipelines`). A POST carrying `request_id` is the consent decision
 * instead, which resumes a request waiting for it.
 */
final class Authorize implements Endpoint {
	/** @var Pipeline */
	private $authorization;

	/** @var Pipeline */
	private $consent_resume;

	public function __construct( Pipeline $authorization, Pipeline $consent_resume ) {
		$this->authorization  = $authorization;
		$this->consent_resume = $consent_resume;
	}

	public function handle( Request $request, string $name ): void {
		if ( ! Method_Guard::allow( $request, array( 'GET', 'POST' ) ) ) {
			return;
		}
		$params   = $request->parameters();
		$pipeline = 'POST' === $request->method() && $params->has_name( 'request_id' ) ? $this->consent_resume : $this->authorization;
		Responder::answer( $pipeline->run( $params, $request->method() ) );
	}
}
