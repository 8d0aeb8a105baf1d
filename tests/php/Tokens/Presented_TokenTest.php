<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Tokens;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Models\Access_Token_Record;
use Keystone_OIDC\Models\Refresh_Token;
use Keystone_OIDC\Tokens\Presented_Token;
use PHPUnit\Framework\TestCase;

final class Presented_TokenTest extends TestCase {
	public function test_an_access_token_is_visible_to_the_client_it_was_issued_to(): void {
		$token = self::access( 'app', array( 'aud' => 'app' ) );
		$this->assertTrue( $token->was_issued_to( self::client( 'app' ) ) );
		$this->assertTrue( $token->is_visible_to( self::client( 'app' ) ) );
	}

	public function test_an_access_token_is_hidden_from_a_client_it_does_not_name(): void {
		$token = self::access( 'app', array( 'aud' => 'app' ) );
		$this->assertFalse( $token->was_issued_to( self::client( 'other' ) ) );
		$this->assertFalse( $token->is_visible_to( self::client( 'other' ) ) );
	}

	public function test_a_resource_server_named_in_the_audience_list_sees_the_access_token(): void {
		$token = self::access( 'app', array( 'aud' => array( 'app', 'api' ) ) );
		$this->assertFalse( $token->was_issued_to( self::client( 'api' ) ) );
		$this->assertTrue( $token->is_visible_to( self::client( 'api' ) ) );
		$this->assertFalse( $token->is_visible_to( self::client( 'ap' ) ) );
	}

	public function test_a_single_string_audience_counts_as_a_list_of_one(): void {
		$this->assertSame( array( 'api' ), self::access( 'app', array( 'aud' => 'api' ) )->audiences() );
		$this->assertSame( array(), self::access( 'app', array() )->audiences() );
		$this->assertSame( array( 'api' ), self::access( 'app', array( 'aud' => array( 'api', 7, null ) ) )->audiences() );
	}

	public function test_a_refresh_token_is_visible_only_to_its_own_client(): void {
		$token = new Presented_Token( Refresh_Token::from_row( array( 'client_id' => 'app' ) ) );
		$this->assertFalse( $token->is_access() );
		$this->assertSame( array(), $token->audiences() );
		$this->assertTrue( $token->is_visible_to( self::client( 'app' ) ) );
		$this->assertFalse( $token->is_visible_to( self::client( 'api' ) ) );
	}

	/**
	 * @param array<string,mixed> $claims
	 */
	private static function access( string $client_id, array $claims ): Presented_Token {
		return new Presented_Token( Access_Token_Record::from_row( array( 'client_id' => $client_id ) ), $claims );
	}

	private static function client( string $client_id ): Client {
		$client            = new Client();
		$client->client_id = $client_id;
		return $client;
	}
}
