<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Checks;

use Keystone_OIDC\Checks\Scope;
use PHPUnit\Framework\TestCase;

/**
 * `Scope::covers()`: what remembered consent decides on. A request is covered only when the user
 * allowed every one of its scopes before.
 */
final class Scope_CoversTest extends TestCase {
	/**
	 * @return array<string, array{string[], string[], bool}>
	 */
	public function cases(): array {
		return array(
			'the same scopes'          => array( array( 'openid', 'profile' ), array( 'openid', 'profile' ), true ),
			'fewer scopes'             => array( array( 'openid', 'profile', 'email' ), array( 'openid', 'email' ), true ),
			'another order'            => array( array( 'openid', 'profile' ), array( 'profile', 'openid' ), true ),
			'a repeated scope'         => array( array( 'openid' ), array( 'openid', 'openid' ), true ),
			'one new scope'            => array( array( 'openid', 'profile' ), array( 'openid', 'profile', 'email' ), false ),
			'nothing allowed yet'      => array( array(), array( 'openid' ), false ),
			'case is meaningful'       => array( array( 'openid', 'email' ), array( 'openid', 'Email' ), false ),
			'a prefix is another one'  => array( array( 'openid', 'email' ), array( 'openid', 'e' ), false ),
			'offline_access needs its own consent' => array( array( 'openid', 'profile', 'email' ), array( 'openid', 'offline_access' ), false ),
		);
	}

	/**
	 * @dataProvider cases
	 * @param string[] $allowed
	 * @param string[] $requested
	 */
	public function test_covers( array $allowed, array $requested, bool $expected ): void {
		$this->assertSame( $expected, Scope::covers( $allowed, $requested ) );
	}
}
