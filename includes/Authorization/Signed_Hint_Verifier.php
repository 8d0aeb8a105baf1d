<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

use Keystone_OIDC\Tokens\Id_Token_Hint;

/**
 * Checks the hint's signature against the published keys (`Tokens\Id_Token_Hint`).
 */
final class Signed_Hint_Verifier implements Hint_Verifier {
	public function subject( string $hint ): string {
		return Id_Token_Hint::verify( $hint )->subject;
	}
}
