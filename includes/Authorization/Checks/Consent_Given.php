<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Consent_Ledger;
use Keystone_OIDC\Authorization\Consent_Prompt;
use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Return_Url;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Consent\Consent_Manager;
use Keystone_OIDC\Endpoints\Authorization_Request;
use Keystone_OIDC\Grants\Refresh_Token;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * The user allowed these scopes before (or the administrator trusts the client with them), or the
 * consent screen asks; its answer resumes at `Endpoints\Consent_Decision`. `prompt=consent`
 * always asks; `prompt=none` never may: `consent_required`.
 */
final class Consent_Given implements Step {
	/** @var Consent_Ledger */
	private $consents;

	/** @var Consent_Prompt */
	private $prompt;

	/** @var string */
	private $authorize_url;

	public function __construct( Consent_Ledger $consents, Consent_Prompt $prompt, string $authorize_url ) {
		$this->consents      = $consents;
		$this->prompt        = $prompt;
		$this->authorize_url = $authorize_url;
	}

	public function run( Context $context ): ?Answer {
		$request = $context->request();
		$user    = $context->user();
		if ( ! in_array( 'consent', $request->prompt, true ) && $this->has_consent( $request, $user->id ) ) {
			if ( $request->client->skip_consent ) {
				$this->remember_implicit( $request, $user->id );
			}
			return null;
		}
		if ( in_array( 'none', $request->prompt, true ) ) {
			throw OAuth_Error::consent_required( 'The user must approve this application' );
		}
		return $this->prompt->ask( $request, $user, Return_Url::build( $context->params, $this->authorize_url ) );
	}

	/**
	 * A trusted first-party client needs no consent, except for `offline_access` unless the
	 * administrator extended that trust to it too (OIDC Core §11); any other client needs the user
	 * to have allowed every scope of this request before.
	 */
	private function has_consent( Authorization_Request $request, int $user_id ): bool {
		$client = $request->client;
		if ( $client->skip_consent ) {
			$untrusted = array_values( array_diff( $request->scopes, Consent_Manager::implicit_scopes( $client, $request->scopes ) ) );
			return array() === $untrusted || $this->consents->covers( $user_id, $client->client_id, $untrusted );
		}
		return $this->consents->covers( $user_id, $client->client_id, $request->scopes );
	}

	/**
	 * Records the consent a `skip_consent` client got from the administrator's trust, so the user
	 * sees the application under Connected Applications and can revoke it. Written only when it
	 * adds something, so a repeated sign-in writes nothing. `offline_access` is never recorded
	 * this way: a later change of the client's settings must not turn it into the user's consent.
	 */
	private function remember_implicit( Authorization_Request $request, int $user_id ): void {
		$implicit = array_values( array_diff( $request->scopes, array( Refresh_Token::OFFLINE_ACCESS ) ) );
		if ( ! $this->consents->covers( $user_id, $request->client->client_id, $implicit ) ) {
			$this->consents->remember( $user_id, $request->client->client_id, $implicit );
		}
	}
}
