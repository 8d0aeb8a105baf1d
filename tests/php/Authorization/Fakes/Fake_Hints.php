<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Authorization\Fakes;

use Keystone_OIDC\Authorization\Hint_Verifier;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * A hint `hint-for-<sub>` verifies and names `<sub>`; anything else does not verify.
 */
final class Fake_Hints implements Hint_Verifier {
	public function subject( string $hint ): string {
		if ( 0 !== strpos( $hint, 'hint-for-' ) ) {
			throw OAuth_Error::invalid_request( 'id_token_hint is not a valid ID token issued by this provider' );
		}
		return substr( $hint, strlen( 'hint-for-' ) );
	}
}
