<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Clients;

use Keystone_OIDC\Clients\Client;
use PHPUnit\Framework\TestCase;

/**
 * `rest_access` alone decides the REST API's scopes; the client's `scopes` list decides the rest.
 */
final class Client_Rest_AccessTest extends TestCase {
	private static function client( string $rest_access, array $scopes = array( 'openid', 'profile' ) ): Client {
		$client              = new Client();
		$client->rest_access = $rest_access;
		$client->scopes      = $scopes;
		$client->audiences   = array( 'https://api.example' );
		return $client;
	}

	public function test_the_ceiling_governs_the_rest_scopes(): void {
		$none  = self::client( Client::REST_NONE );
		$read  = self::client( Client::REST_READ );
		$write = self::client( Client::REST_WRITE );
		$this->assertFalse( $none->allows_scope( 'wordpress:read' ) );
		$this->assertFalse( $none->allows_scope( 'wordpress:write' ) );
		$this->assertTrue( $read->allows_scope( 'wordpress:read' ) );
		$this->assertFalse( $read->allows_scope( 'wordpress:write' ) );
		$this->assertTrue( $write->allows_scope( 'wordpress:read' ) );
		$this->assertTrue( $write->allows_scope( 'wordpress:write' ) );
	}

	public function test_the_scopes_list_never_grants_a_rest_scope_beyond_the_ceiling(): void {
		$client = self::client( Client::REST_NONE, array( 'openid', 'wordpress:write' ) );
		$this->assertFalse( $client->allows_scope( 'wordpress:write' ) );
	}

	public function test_other_scopes_still_come_from_the_list(): void {
		$client = self::client( Client::REST_WRITE );
		$this->assertTrue( $client->allows_scope( 'profile' ) );
		$this->assertFalse( $client->allows_scope( 'email' ) );
	}

	public function test_a_lowered_ceiling_narrows_scopes_already_granted(): void {
		$client = self::client( Client::REST_READ );
		$this->assertSame(
			array( 'openid', 'profile', 'wordpress:read' ),
			$client->current_scopes( array( 'openid', 'profile', 'email', 'wordpress:read', 'wordpress:write' ) )
		);
	}

	public function test_without_rest_access_the_resources_are_the_audiences(): void {
		$this->assertSame( array( 'https://api.example' ), self::client( Client::REST_NONE )->permitted_resources() );
	}
}
