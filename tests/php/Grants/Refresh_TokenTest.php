<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Grants;

use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Grants\Refresh_Token;
use Keystone_OIDC\Models\Refresh_Token as Stored_Refresh_Token;
use Keystone_OIDC\Models\Stored_Token;
use Keystone_OIDC\Tests\Support\Fixed_Replication;
use Keystone_OIDC\Tests\Support\Grant_Test_Case;

/**
 * Every rule the refresh_token grant enforces (RFC 6749 §6, rotation and reuse detection of RFC 9700
 * §4.14.2, OIDC Core §11 offline access, RFC 8707), each with the exact OAuth error a violation is
 * answered with.
 */
final class Refresh_TokenTest extends Grant_Test_Case {
	const TOKEN = 'the-refresh-token';

	/** @var Refresh_Token */
	private $grant;

	protected function setUp(): void {
		parent::setUp();
		$this->grant = new Refresh_Token( $this->tokens, $this->allowed_users, $this->issuer, $this->clock );
	}

	public function test_a_refresh_token_is_rotated_into_its_grant(): void {
		$this->refresh_token(
			array(
				'data' => array(
					'auth_time' => self::NOW - 500,
					'sid'       => 'session-1',
				),
			)
		);
		$response = $this->refresh();

		$grant = $this->issuer->last();
		$this->assertSame( array( 'scope' => 'openid profile' ), $response );
		$this->assertSame( self::GRANT_ID, $grant->grant_id );
		$this->assertSame( self::USER_ID, $grant->user->ID );
		$this->assertSame( self::NOW - 500, $grant->auth_time );
		$this->assertNull( $grant->nonce );
		$this->assertSame( 'session-1', $grant->sid );
		$this->assertSame( self::NOW, $this->stored()->used_at );
	}

	public function test_a_token_from_before_auth_time_was_stored_takes_its_issue_time(): void {
		$this->refresh_token( array( 'created_at' => self::NOW - 900 ) );
		$this->refresh();
		$this->assertSame( self::NOW - 900, $this->issuer->last()->auth_time );
	}

	public function test_a_client_without_refresh_tokens_may_not_use_the_grant(): void {
		$this->refresh_token();
		$this->client->refresh_tokens = false;
		$this->assert_refresh_fails( 'unauthorized_client', 'This client does not use refresh tokens' );
		$this->assertNull( $this->stored()->used_at );
	}

	public function test_a_missing_refresh_token_is_an_invalid_request(): void {
		$this->assert_oauth_error(
			'invalid_request',
			function (): void {
				$this->grant->execute( $this->client, self::params( array() ) );
			},
			'refresh_token is required'
		);
	}

	public function test_an_unknown_refresh_token_is_refused(): void {
		$this->refresh_token();
		$this->assert_refresh_fails( 'invalid_grant', 'The refresh token is invalid', array( 'refresh_token' => 'another' ) );
	}

	public function test_an_access_token_value_is_not_a_refresh_token(): void {
		$this->stored_token( self::TOKEN, Stored_Token::TYPE_ACCESS );
		$this->assert_refresh_fails( 'invalid_grant', 'The refresh token is invalid' );
	}

	public function test_another_clients_refresh_token_is_refused_as_unknown_and_left_alone(): void {
		$this->refresh_token();
		$this->assert_oauth_error(
			'invalid_grant',
			function (): void {
				$this->grant->execute( self::client( 'other' ), self::params( array( 'refresh_token' => self::TOKEN ) ) );
			},
			'The refresh token is invalid'
		);
		$this->assertCount( 1, $this->live_family() );
		$this->assertNull( $this->stored()->used_at );
	}

	public function test_a_revoked_refresh_token_is_refused(): void {
		$this->refresh_token( array( 'revoked_at' => self::NOW - 1 ) );
		$this->assert_refresh_fails( 'invalid_grant', 'The refresh token has been revoked' );
	}

	public function test_a_rotated_refresh_token_presented_again_revokes_the_family(): void {
		$this->refresh_token();
		$this->refresh();
		$this->stored_token( 'new-refresh', Stored_Token::TYPE_REFRESH );
		$this->stored_token( 'new-access', Stored_Token::TYPE_ACCESS );
		$GLOBALS['keystone_test_actions'] = array();
		$this->assert_refresh_fails( 'invalid_grant', 'The refresh token has already been used' );
		$this->assertSame( array(), $this->live_family() );
		$this->assertCount( 1, $this->issuer->issued );
		$this->assertSame( array( 'keystone_oidc_refresh_token_reused' ), array_column( $GLOBALS['keystone_test_actions'], 0 ) );
	}

	public function test_a_refresh_token_expires_at_its_expiry_second(): void {
		$this->refresh_token( array( 'expires_at' => self::NOW + 100 ) );
		$this->clock->advance( 100 );
		$this->assert_refresh_fails( 'invalid_grant', 'The refresh token has expired' );
		$this->assertNull( $this->stored()->used_at );
	}

	public function test_a_refresh_token_is_good_until_the_second_before_its_expiry(): void {
		$this->refresh_token( array( 'expires_at' => self::NOW + 100 ) );
		$this->clock->advance( 99 );
		$this->refresh();
		$this->assertCount( 1, $this->issuer->issued );
	}

	public function test_the_scope_may_be_narrowed_and_the_refresh_token_keeps_the_original(): void {
		$this->refresh_token( array( 'scope' => 'openid profile email' ) );
		$this->refresh( array( 'scope' => 'email' ) );
		$grant = $this->issuer->last();
		$this->assertSame( array( 'openid', 'email' ), $grant->scopes );
		$this->assertSame( array( 'openid', 'profile', 'email' ), $grant->refresh_scopes );
	}

	public function test_the_scope_may_not_be_widened(): void {
		$this->refresh_token( array( 'scope' => 'openid profile' ) );
		$this->assert_refresh_fails( 'invalid_scope', 'The refresh token does not grant: email', array( 'scope' => 'openid profile email' ) );
		$this->assertNull( $this->stored()->used_at );
	}

	public function test_scopes_the_client_lost_are_dropped_and_may_not_be_asked_for(): void {
		$this->refresh_token( array( 'scope' => 'openid profile email' ) );
		$this->client->scopes = array( 'openid', 'email' );
		$this->assert_refresh_fails( 'invalid_scope', 'The refresh token does not grant: profile', array( 'scope' => 'profile' ) );
		$this->refresh();
		$grant = $this->issuer->last();
		$this->assertSame( array( 'openid', 'email' ), $grant->scopes );
		$this->assertSame( array( 'openid', 'email' ), $grant->refresh_scopes );
	}

	public function test_offline_access_gives_each_new_refresh_token_a_full_lifetime(): void {
		$this->refresh_token(
			array(
				'scope'      => 'openid offline_access',
				'expires_at' => self::NOW + 100,
			)
		);
		$this->refresh();
		$this->assertNull( $this->issuer->last()->refresh_expires_at );
	}

	public function test_without_offline_access_the_grant_ends_with_its_first_refresh_token(): void {
		$this->refresh_token( array( 'expires_at' => self::NOW + 100 ) );
		$this->refresh();
		$this->assertSame( self::NOW + 100, $this->issuer->last()->refresh_expires_at );
	}

	public function test_offline_access_the_client_lost_no_longer_extends_the_grant(): void {
		$this->refresh_token(
			array(
				'scope'      => 'openid offline_access',
				'expires_at' => self::NOW + 100,
			)
		);
		$this->client->scopes = array( 'openid' );
		$this->refresh();
		$this->assertSame( self::NOW + 100, $this->issuer->last()->refresh_expires_at );
	}

	public function test_narrowing_away_offline_access_keeps_the_refresh_token_sliding(): void {
		$this->refresh_token( array( 'scope' => 'openid profile offline_access' ) );
		$this->refresh( array( 'scope' => 'profile' ) );
		$grant = $this->issuer->last();
		$this->assertSame( array( 'openid', 'profile' ), $grant->scopes );
		$this->assertNull( $grant->refresh_expires_at );
	}

	public function test_the_tokens_may_narrow_the_resources_of_the_grant(): void {
		$this->refresh_token( array( 'data' => array( 'resources' => array( 'https://api.example', 'https://other-api.example' ) ) ) );
		$this->refresh( array( 'resource' => 'https://other-api.example' ) );
		$grant = $this->issuer->last();
		$this->assertSame( array( 'https://other-api.example' ), $grant->resources );
		$this->assertSame( array( 'https://api.example', 'https://other-api.example' ), $grant->refresh_resources );
	}

	public function test_the_tokens_may_not_widen_the_resources_of_the_grant(): void {
		$this->refresh_token( array( 'data' => array( 'resources' => array( 'https://api.example' ) ) ) );
		$this->assert_refresh_fails( 'invalid_target', 'A requested resource is not registered for this client', array( 'resource' => 'https://other-api.example' ) );
		$this->assertNull( $this->stored()->used_at );
	}

	public function test_a_deleted_user_ends_the_grant(): void {
		$this->refresh_token();
		$this->users->delete( self::USER_ID );
		$this->assert_refresh_fails( 'invalid_grant', 'The user of this grant no longer exists' );
		$this->assertNull( $this->stored()->used_at );
	}

	public function test_a_role_taken_away_ends_the_grant(): void {
		$this->refresh_token();
		$this->client->allowed_roles = array( 'editor' );
		$this->assert_refresh_fails( 'invalid_grant', 'The user of this grant may no longer sign in to this client' );
	}

	public function test_a_reuse_seen_while_the_new_tokens_are_stored_revokes_them_once_stored(): void {
		$this->refresh_token();
		$this->issuer->before_answer = function (): void {
			// The stolen copy arrives now: it revokes the family as it is, then the new tokens land.
			$this->tokens->revoke_grant( self::GRANT_ID );
			$this->stored_token( 'new-refresh', Stored_Token::TYPE_REFRESH );
		};
		$this->refresh();
		$this->assertSame( array(), $this->live_family() );
	}

	public function test_the_refresh_token_is_read_again_after_issuing_only_where_writes_race_across_nodes(): void {
		$this->assert_reads_after_issuing(
			1,
			2,
			function ( Fixed_Replication $replication ): int {
				$this->grant = new Refresh_Token( $this->tokens, $this->allowed_users, $this->issuer, $this->clock, $replication );
				$this->refresh_token();
				$this->refresh();
				return $this->tokens->refresh_reads;
			}
		);
	}

	public function test_a_refresh_token_rotated_between_reading_and_rotating_is_a_reuse(): void {
		$this->refresh_token();
		$tokens                           = $this->tokens;
		$this->tokens->after_find_refresh = static function ( string $token_hash ) use ( $tokens ): void {
			// A concurrent request rotates the token right after this one read it unused.
			$tokens->consume_refresh( $token_hash, self::NOW );
		};
		$this->assert_refresh_fails( 'invalid_grant', 'The refresh token has already been used' );
		$this->assertSame( array(), $this->live_family() );
		$this->assertSame( array(), $this->issuer->issued );
	}

	/**
	 * @param array<string,mixed> $row
	 */
	private function refresh_token( array $row = array() ): void {
		$this->stored_token( self::TOKEN, Stored_Token::TYPE_REFRESH, $row );
	}

	private function stored(): Stored_Refresh_Token {
		$token = $this->tokens->find_refresh( Secret_Hash::hash( self::TOKEN ) );
		$this->assertNotNull( $token );
		return $token;
	}

	/**
	 * @param array<string,string> $params
	 */
	private function assert_refresh_fails( string $error_code, string $description, array $params = array() ): void {
		$this->assert_oauth_error(
			$error_code,
			function () use ( $params ): void {
				$this->refresh( $params );
			},
			$description
		);
	}

	/**
	 * @param array<string,string> $params
	 * @return array<string,mixed>
	 */
	private function refresh( array $params = array() ): array {
		return $this->grant->execute( $this->client, self::params( $params + array( 'refresh_token' => self::TOKEN ) ) );
	}
}
