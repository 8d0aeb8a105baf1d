<?php
declare(strict_types=1);

namespace Keystone_OIDC\Consent;

use Keystone_OIDC\Authorization\Consent_Ledger;
use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Http\Answer;

/**
 * Allow is remembered, so the same scopes (or fewer) need no consent screen next time.
 */
final class Remember_Consent implements Step {
	/** @var Consent_Ledger */
	private $consents;

	public function __construct( Consent_Ledger $consents ) {
		$this->consents = $consents;
	}

	public function run( Context $context ): ?Answer {
		$request = $context->request();
		$this->consents->remember( $context->user()->id, $request->client->client_id, $request->scopes );
		return null;
	}
}
