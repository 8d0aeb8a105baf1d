<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Support;

use Keystone_OIDC\Tokens\Client_Grant;
use Keystone_OIDC\Tokens\Grant;
use Keystone_OIDC\Tokens\Grant_Issuer;

/**
 * Records the grants it is asked to issue tokens for, and answers with their scope, so a grant test
 * sees exactly what would have been issued without signing anything. `before_answer` lets a test
 * act while the tokens are being stored (a concurrent replay).
 */
final class Recording_Issuer implements Grant_Issuer {
	/** @var Grant[] */
	public $issued = array();

	/** @var Client_Grant[] What clients got for themselves (client_credentials). */
	public $issued_to_clients = array();

	/** @var callable|null */
	public $before_answer = null;

	public function issue( Grant $grant ): array {
		$this->issued[] = $grant;
		if ( null !== $this->before_answer ) {
			( $this->before_answer )();
		}
		return array( 'scope' => implode( ' ', $grant->scopes ) );
	}

	public function issue_to_client( Client_Grant $grant ): array {
		$this->issued_to_clients[] = $grant;
		return array( 'scope' => implode( ' ', $grant->scopes ) );
	}

	public function last(): Grant {
		$last = end( $this->issued );
		if ( false === $last ) {
			throw new \LogicException( 'Nothing was issued' );
		}
		return $last;
	}
}
