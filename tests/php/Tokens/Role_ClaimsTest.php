<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Tokens;

use Keystone_OIDC\Tokens\Claims;
use PHPUnit\Framework\TestCase;

/**
 * The `roles` scope as `Claims::select` releases it; the values themselves come from WordPress
 * and are checked end to end.
 */
final class Role_ClaimsTest extends TestCase {
	/** @var array<string,mixed> */
	private $available = array(
		'name'   => 'Ada Lovelace',
		'email'  => 'ada@example.test',
		'roles'  => array( 'administrator', 'editor' ),
		'groups' => array( 'administrator', 'editor' ),
	);

	public function test_roles_scope_releases_roles_and_groups_only(): void {
		$this->assertSame(
			array(
				'roles'  => array( 'administrator', 'editor' ),
				'groups' => array( 'administrator', 'editor' ),
			),
			Claims::select( $this->available, array( 'openid', 'roles' ) )
		);
	}

	public function test_without_roles_scope_no_role_claim_is_released(): void {
		$claims = Claims::select( $this->available, array( 'openid', 'profile', 'email' ) );
		$this->assertArrayNotHasKey( 'roles', $claims );
		$this->assertArrayNotHasKey( 'groups', $claims );
	}

	public function test_a_user_without_a_role_gets_empty_lists(): void {
		$this->assertSame(
			array(
				'roles'  => array(),
				'groups' => array(),
			),
			Claims::select(
				array(
					'roles'  => array(),
					'groups' => array(),
				),
				array( 'openid', 'roles' )
			)
		);
	}

	public function test_roles_and_groups_are_announced(): void {
		$this->assertContains( 'roles', Claims::supported() );
		$this->assertContains( 'groups', Claims::supported() );
	}
}
