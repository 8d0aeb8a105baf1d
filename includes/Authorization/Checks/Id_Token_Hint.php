<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Hint_Verifier;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Http\Answer;

/**
 * OIDC Core §3.1.2.1 `id_token_hint`: an ID token of this provider, or `invalid_request`. With
 * `prompt=none`, `Signed_In` refuses a signed-in user other than the one it names.
 */
final class Id_Token_Hint implements Step {
	/** @var Hint_Verifier */
	private $verifier;

	public function __construct( Hint_Verifier $verifier ) {
		$this->verifier = $verifier;
	}

	public function run( Context $context ): ?Answer {
		$hint = $context->params->get( 'id_token_hint' );
		if ( null !== $hint ) {
			$context->request()->id_token_hint_subject = $this->verifier->subject( $hint );
		}
		return null;
	}
}
