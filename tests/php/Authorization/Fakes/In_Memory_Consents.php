<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Authorization\Fakes;

use Keystone_OIDC\Authorization\Consent_Ledger;
use Keystone_OIDC\Checks\Scope;

final class In_Memory_Consents implements Consent_Ledger {
	/** @var array<string,string[]> "user_id client_id" => scopes */
	public $allowed = array();

	/** @var int How many times something was written. */
	public $writes = 0;

	public function covers( int $user_id, string $client_id, array $scopes ): bool {
		$key = $user_id . ' ' . $client_id;
		return isset( $this->allowed[ $key ] ) && Scope::covers( $this->allowed[ $key ], $scopes );
	}

	public function remember( int $user_id, string $client_id, array $scopes ): void {
		$key                   = $user_id . ' ' . $client_id;
		$this->allowed[ $key ] = Scope::parse( Scope::to_string( array_merge( $this->allowed[ $key ] ?? array(), $scopes ) ) );
		++$this->writes;
	}
}
