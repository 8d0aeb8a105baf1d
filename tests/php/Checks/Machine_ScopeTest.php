<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Checks;

use Keystone_OIDC\Checks\Machine_Scope;
use Keystone_OIDC\Http\OAuth_Error;
use PHPUnit\Framework\TestCase;

/**
 * Which scopes a client_credentials token may carry: never one that needs a user.
 */
final class Machine_ScopeTest extends TestCase {
	/**
	 * @return array<string,array{string}>
	 */
	public function user_bound_scopes(): array {
		return array(
			'openid'          => array( 'openid' ),
			'profile'         => array( 'profile' ),
			'email'           => array( 'email' ),
			'address'         => array( 'address' ),
			'phone'           => array( 'phone' ),
			'offline_access'  => array( 'offline_access' ),
			'roles'           => array( 'roles' ),
			'wordpress:read'  => array( 'wordpress:read' ),
			'wordpress:write' => array( 'wordpress:write' ),
		);
	}

	/**
	 * @dataProvider user_bound_scopes
	 */
	public function test_a_scope_that_needs_a_user_is_user_bound( string $scope ): void {
		$this->assertTrue( Machine_Scope::is_user_bound( $scope ) );
	}

	public function test_a_site_scope_is_not_user_bound(): void {
		$this->assertFalse( Machine_Scope::is_user_bound( 'reports:read' ) );
		$this->assertFalse( Machine_Scope::is_user_bound( 'wordpress' ) );
		$this->assertFalse( Machine_Scope::is_user_bound( 'OPENID' ) );
	}

	public function test_allowed_are_the_client_scopes_without_the_user_bound_ones_in_their_order(): void {
		$this->assertSame(
			array( 'reports:read', 'inventory' ),
			Machine_Scope::allowed( array( 'openid', 'reports:read', 'profile', 'wordpress:read', 'inventory', 'offline_access' ) )
		);
	}

	public function test_a_client_with_only_user_scopes_has_no_machine_scope(): void {
		$this->assertSame( array(), Machine_Scope::allowed( array( 'openid', 'profile', 'email' ) ) );
	}

	public function test_without_a_scope_parameter_every_allowed_scope_is_granted(): void {
		$this->assertSame( array( 'reports:read', 'inventory' ), Machine_Scope::granted( null, array( 'reports:read', 'inventory' ) ) );
		$this->assertSame( array(), Machine_Scope::granted( null, array() ) );
	}

	public function test_a_scope_parameter_grants_exactly_what_it_names_once_each(): void {
		$this->assertSame( array( 'inventory' ), Machine_Scope::granted( 'inventory  inventory', array( 'reports:read', 'inventory' ) ) );
	}

	public function test_an_empty_scope_parameter_grants_nothing(): void {
		$this->assertSame( array(), Machine_Scope::granted( '', array( 'reports:read' ) ) );
	}

	public function test_a_user_bound_scope_is_invalid_scope_saying_it_needs_a_user(): void {
		$this->assert_invalid_scope( 'The scope openid needs a user: a client_credentials token has none', 'reports:read openid', array( 'reports:read', 'openid' ) );
	}

	public function test_a_wordpress_rest_scope_is_invalid_scope(): void {
		$this->assert_invalid_scope( 'The scope wordpress:read needs a user: a client_credentials token has none', 'wordpress:read', array() );
	}

	public function test_a_scope_the_client_lacks_is_invalid_scope(): void {
		$this->assert_invalid_scope( 'The scope billing is not allowed for this client\'s machine tokens', 'reports:read billing', array( 'reports:read' ) );
	}

	public function test_a_malformed_scope_token_is_invalid_scope(): void {
		$this->assert_invalid_scope( 'scope holds a malformed scope token', 'reports"read', array( 'reports:read' ) );
	}

	/**
	 * @param string[] $allowed
	 */
	private function assert_invalid_scope( string $description, string $requested, array $allowed ): void {
		try {
			Machine_Scope::granted( $requested, $allowed );
		} catch ( OAuth_Error $error ) {
			$this->assertSame( 'invalid_scope', $error->error_code() );
			$this->assertSame( 400, $error->status() );
			$this->assertSame( $description, $error->description() );
			return;
		}
		$this->fail( 'Expected invalid_scope' );
	}
}
