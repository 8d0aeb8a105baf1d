<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Models;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Models\Access_Token_Record;
use Keystone_OIDC\Models\Code;
use Keystone_OIDC\Models\Refresh_Token;
use Keystone_OIDC\Models\Stored_Token;
use PHPUnit\Framework\TestCase;

/**
 * The one place each "is this still good?" rule lives: codes, access and refresh tokens.
 */
final class Grant_RecordTest extends TestCase {
	const NOW = 1700000000;

	public function test_a_code_is_active_until_redeemed_revoked_or_expired(): void {
		$this->assertTrue( self::code( array() )->is_active( self::NOW ) );
		$this->assertFalse( self::code( array( 'used_at' => self::NOW - 1 ) )->is_active( self::NOW ) );
		$this->assertFalse( self::code( array( 'revoked_at' => self::NOW - 1 ) )->is_active( self::NOW ) );
		$this->assertFalse( self::code( array( 'expires_at' => self::NOW ) )->is_active( self::NOW ) );
		$this->assertTrue( self::code( array( 'expires_at' => self::NOW + 1 ) )->is_active( self::NOW ) );
	}

	public function test_an_access_token_is_active_until_revoked_or_expired(): void {
		$this->assertTrue( self::token( Stored_Token::TYPE_ACCESS, array() )->is_active( self::NOW ) );
		$this->assertFalse( self::token( Stored_Token::TYPE_ACCESS, array( 'revoked_at' => self::NOW ) )->is_active( self::NOW ) );
		$this->assertFalse( self::token( Stored_Token::TYPE_ACCESS, array( 'expires_at' => self::NOW ) )->is_active( self::NOW ) );
	}

	public function test_a_refresh_token_is_active_until_rotated_revoked_or_expired(): void {
		$this->assertTrue( self::token( Stored_Token::TYPE_REFRESH, array() )->is_active( self::NOW ) );
		$this->assertFalse( self::token( Stored_Token::TYPE_REFRESH, array( 'used_at' => self::NOW ) )->is_active( self::NOW ) );
		$this->assertFalse( self::token( Stored_Token::TYPE_REFRESH, array( 'revoked_at' => self::NOW ) )->is_active( self::NOW ) );
		$this->assertFalse( self::token( Stored_Token::TYPE_REFRESH, array( 'expires_at' => self::NOW ) )->is_active( self::NOW ) );
	}

	public function test_a_row_becomes_the_record_of_its_type(): void {
		$this->assertInstanceOf( Refresh_Token::class, self::token( Stored_Token::TYPE_REFRESH, array() ) );
		$this->assertInstanceOf( Access_Token_Record::class, self::token( Stored_Token::TYPE_ACCESS, array() ) );
	}

	public function test_a_record_belongs_only_to_its_own_client(): void {
		$app             = new Client();
		$app->client_id  = 'app';
		$apps            = new Client();
		$apps->client_id = 'apps';
		$this->assertTrue( self::code( array() )->belongs_to( $app ) );
		$this->assertFalse( self::code( array() )->belongs_to( $apps ) );
	}

	public function test_grant_data_keeps_only_well_formed_values(): void {
		$code = self::code( array( 'data' => array( 'resources' => array( 'https://api.example', 7, null ), 'sid' => 12 ) ) );
		$this->assertSame( array( 'https://api.example' ), $code->resources() );
		$this->assertNull( $code->sid() );
		$this->assertSame( array(), self::code( array( 'data' => 'not json' ) )->resources() );
	}

	/**
	 * @param array<string,mixed> $row
	 */
	private static function code( array $row ): Code {
		return Code::from_row( $row + array( 'client_id' => 'app', 'expires_at' => self::NOW + 60 ) );
	}

	/**
	 * @param array<string,mixed> $row
	 */
	private static function token( string $type, array $row ): Stored_Token {
		return Stored_Token::of_type( $row + array( 'type' => $type, 'expires_at' => self::NOW + 60 ) );
	}
}
