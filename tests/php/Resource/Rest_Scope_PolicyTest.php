<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Resource;

use Keystone_OIDC\Resource\Rest_Scope_Policy;
use PHPUnit\Framework\TestCase;

final class Rest_Scope_PolicyTest extends TestCase {
	/**
	 * @return array<string, array{string[], string, bool}>
	 */
	public function requests(): array {
		return array(
			'read may GET'              => array( array( 'openid', 'wordpress:read' ), 'GET', true ),
			'read may HEAD'             => array( array( 'wordpress:read' ), 'HEAD', true ),
			'read may OPTIONS'          => array( array( 'wordpress:read' ), 'OPTIONS', true ),
			'method case ignored'       => array( array( 'wordpress:read' ), 'get', true ),
			'read may not POST'         => array( array( 'wordpress:read' ), 'POST', false ),
			'read may not PUT'          => array( array( 'wordpress:read' ), 'PUT', false ),
			'read may not PATCH'        => array( array( 'wordpress:read' ), 'PATCH', false ),
			'read may not DELETE'       => array( array( 'wordpress:read' ), 'DELETE', false ),
			'read may not an unknown'   => array( array( 'wordpress:read' ), 'PURGE', false ),
			'write may POST'            => array( array( 'wordpress:write' ), 'POST', true ),
			'write may DELETE'          => array( array( 'wordpress:write' ), 'DELETE', true ),
			'write includes reading'    => array( array( 'wordpress:write' ), 'GET', true ),
			'neither may not even read' => array( array( 'openid', 'profile' ), 'GET', false ),
			'nothing granted'           => array( array(), 'GET', false ),
			'look-alike scope'          => array( array( 'wordpress:Write' ), 'POST', false ),
		);
	}

	/**
	 * @dataProvider requests
	 * @param string[] $granted
	 */
	public function test_allows( array $granted, string $method, bool $expected ): void {
		$this->assertSame( $expected, Rest_Scope_Policy::allows( $granted, $method ) );
	}

	public function test_required_scope_is_read_for_safe_methods_and_write_otherwise(): void {
		$this->assertSame( 'wordpress:read', Rest_Scope_Policy::required_scope( 'GET' ) );
		$this->assertSame( 'wordpress:read', Rest_Scope_Policy::required_scope( 'OPTIONS' ) );
		$this->assertSame( 'wordpress:write', Rest_Scope_Policy::required_scope( 'POST' ) );
		$this->assertSame( 'wordpress:write', Rest_Scope_Policy::required_scope( 'DELETE' ) );
	}

	/**
	 * @return array<string, array{string, string, bool}>
	 */
	public function ceilings(): array {
		return array(
			'none: no read'    => array( 'wordpress:read', 'none', false ),
			'none: no write'   => array( 'wordpress:write', 'none', false ),
			'read: read'       => array( 'wordpress:read', 'read', true ),
			'read: no write'   => array( 'wordpress:write', 'read', false ),
			'write: read'      => array( 'wordpress:read', 'write', true ),
			'write: write'     => array( 'wordpress:write', 'write', true ),
			'unknown ceiling'  => array( 'wordpress:read', 'admin', false ),
			'not a REST scope' => array( 'profile', 'write', false ),
		);
	}

	/**
	 * @dataProvider ceilings
	 */
	public function test_within_ceiling( string $scope, string $rest_access, bool $expected ): void {
		$this->assertSame( $expected, Rest_Scope_Policy::within_ceiling( $scope, $rest_access ) );
	}
}
