<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Checks\Pkce;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * S256 only (RFC 9700 §2.1.1): `plain` proves nothing against an attacker who reads the
 * authorization request, so it is refused, and a challenge without a method is refused rather than
 * read as RFC 7636 §4.3's `plain` default. Public clients cannot keep a secret, so PKCE is their
 * proof and is required.
 */
final class Pkce_Challenge implements Step {
	public function run( Context $context ): ?Answer {
		$request   = $context->request();
		$challenge = $context->params->get( 'code_challenge' );
		$method    = $context->params->get( 'code_challenge_method' );
		if ( null === $challenge ) {
			if ( null !== $method ) {
				throw OAuth_Error::invalid_request( 'code_challenge_method was sent without code_challenge' );
			}
			if ( $request->client->is_public() ) {
				throw OAuth_Error::invalid_request( 'Public clients must use PKCE (code_challenge)' );
			}
			return null;
		}
		if ( null === $method ) {
			throw OAuth_Error::invalid_request( 'code_challenge_method is required (S256)' );
		}
		if ( Pkce::METHOD_S256 !== $method ) {
			throw OAuth_Error::invalid_request( 'code_challenge_method must be S256' );
		}
		if ( ! Pkce::is_valid_challenge( $challenge, $method ) ) {
			throw OAuth_Error::invalid_request( 'code_challenge is malformed' );
		}
		$request->code_challenge        = $challenge;
		$request->code_challenge_method = $method;
		return null;
	}
}
