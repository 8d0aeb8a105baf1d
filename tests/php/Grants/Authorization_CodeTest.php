<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Grants;

use Keystone_OIDC\Crypto\Base64Url;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Grants\Authorization_Code;
use Keystone_OIDC\Models\Code;
use Keystone_OIDC\Models\Stored_Token;
use Keystone_OIDC\Tests\Support\Fixed_Replication;
use Keystone_OIDC\Tests\Support\Grant_Test_Case;

/**
 * Every rule the authorization_code grant enforces (RFC 6749 §4.1.3, RFC 7636, RFC 8707), each with
 * the exact OAuth error a violation is answered with.
 */
final class Authorization_CodeTest extends Grant_Test_Case {
	const CODE     = 'the-code';
	const VERIFIER = 'a-pkce-verifier-that-is-long-enough-0123456789abcdef';

	/** @var Authorization_Code */
	private $grant;

	protected function setUp(): void {
		parent::setUp();
		$this->grant = new Authorization_Code( $this->codes, $this->tokens, $this->allowed_users, $this->issuer, $this->clock );
	}

	public function test_a_code_is_redeemed_into_its_grant(): void {
		$this->code(
			array(
				'nonce' => 'n-1',
				'data'  => array( 'sid' => 'session-1' ),
			)
		);
		$response = $this->redeem();

		$grant = $this->issuer->last();
		$this->assertSame( array( 'scope' => 'openid profile' ), $response );
		$this->assertSame( array( 'openid', 'profile' ), $grant->scopes );
		$this->assertSame( array( 'openid', 'profile' ), $grant->refresh_scopes );
		$this->assertSame( self::GRANT_ID, $grant->grant_id );
		$this->assertSame( self::USER_ID, $grant->user->ID );
		$this->assertSame( self::NOW - 30, $grant->auth_time );
		$this->assertSame( 'n-1', $grant->nonce );
		$this->assertSame( 'session-1', $grant->sid );
		$this->assertSame( array(), $grant->resources );
		$this->assertSame( self::NOW, $this->stored_code()->used_at );
	}

	public function test_a_missing_code_or_redirect_uri_is_an_invalid_request(): void {
		$this->code();
		$this->assert_oauth_error(
			'invalid_request',
			function (): void {
				$this->grant->execute( $this->client, self::params( array( 'redirect_uri' => self::REDIRECT ) ) );
			},
			'code is required'
		);
		$this->assert_oauth_error(
			'invalid_request',
			function (): void {
				$this->grant->execute( $this->client, self::params( array( 'code' => self::CODE ) ) );
			},
			'redirect_uri is required'
		);
	}

	public function test_an_unknown_code_is_refused(): void {
		$this->code();
		$this->assert_redeem_fails( 'invalid_grant', 'The authorization code is invalid', array( 'code' => 'another-code' ) );
		$this->assertSame( array(), $this->issuer->issued );
	}

	public function test_a_used_code_is_refused_and_revokes_the_tokens_issued_from_it(): void {
		$this->code();
		$this->redeem();
		$this->stored_token( 'access-1', Stored_Token::TYPE_ACCESS );
		$this->stored_token( 'refresh-1', Stored_Token::TYPE_REFRESH );
		$this->clock->advance( 5 );

		$this->assert_redeem_fails( 'invalid_grant', 'The authorization code has already been used' );
		$this->assertSame( array(), $this->live_family() );
		$this->assertSame( self::NOW + 5, $this->stored_code()->revoked_at );
		$this->assertCount( 1, $this->issuer->issued );
	}

	public function test_a_code_revoked_by_the_end_of_its_session_is_a_replay(): void {
		$this->code( array( 'revoked_at' => self::NOW - 1 ) );
		$this->stored_token( 'access-1', Stored_Token::TYPE_ACCESS );
		$this->assert_redeem_fails( 'invalid_grant', 'The authorization code has already been used' );
		$this->assertSame( array(), $this->live_family() );
	}

	public function test_a_code_redeemed_by_another_client_is_refused_and_stays_redeemable(): void {
		$this->code();
		$this->assert_oauth_error(
			'invalid_grant',
			function (): void {
				$this->grant->execute( self::client( 'other' ), self::params( array( 'code' => self::CODE, 'redirect_uri' => self::REDIRECT ) ) );
			},
			'The authorization code was issued to another client'
		);
		$this->assertNull( $this->stored_code()->used_at );
		$this->redeem();
		$this->assertCount( 1, $this->issuer->issued );
	}

	public function test_a_code_expires_at_its_expiry_second(): void {
		$this->code( array( 'expires_at' => self::NOW + 60 ) );
		$this->clock->advance( 60 );
		$this->assert_redeem_fails( 'invalid_grant', 'The authorization code has expired' );
		$this->assertNull( $this->stored_code()->used_at );
	}

	public function test_a_code_is_good_until_the_second_before_its_expiry(): void {
		$this->code( array( 'expires_at' => self::NOW + 60 ) );
		$this->clock->advance( 59 );
		$this->redeem();
		$this->assertCount( 1, $this->issuer->issued );
	}

	public function test_the_redirect_uri_must_be_the_one_of_the_authorization_request(): void {
		$this->code();
		$this->assert_redeem_fails( 'invalid_grant', 'redirect_uri does not match the one of the authorization request', array( 'redirect_uri' => self::REDIRECT . '/' ) );
	}

	public function test_a_code_with_a_challenge_needs_its_verifier(): void {
		$this->code( self::challenge() );
		$this->assert_redeem_fails( 'invalid_grant', 'code_verifier is required' );
	}

	public function test_a_wrong_verifier_is_refused(): void {
		$this->code( self::challenge() );
		$this->assert_redeem_fails( 'invalid_grant', 'code_verifier does not match the code_challenge', array( 'code_verifier' => strrev( self::VERIFIER ) ) );
		$this->assertNull( $this->stored_code()->used_at );
	}

	public function test_the_right_verifier_redeems_the_code(): void {
		$this->code( self::challenge() );
		$this->redeem( array( 'code_verifier' => self::VERIFIER ) );
		$this->assertCount( 1, $this->issuer->issued );
	}

	public function test_a_verifier_for_a_code_without_a_challenge_is_refused(): void {
		$this->code();
		$this->assert_redeem_fails( 'invalid_grant', 'code_verifier sent, but the authorization request had no code_challenge', array( 'code_verifier' => self::VERIFIER ) );
	}

	public function test_the_tokens_may_narrow_the_resources_of_the_authorization_request(): void {
		$this->code( array( 'data' => array( 'resources' => array( 'https://api.example', 'https://other-api.example' ) ) ) );
		$this->redeem( array( 'resource' => 'https://api.example' ) );
		$grant = $this->issuer->last();
		$this->assertSame( array( 'https://api.example' ), $grant->resources );
		$this->assertSame( array( 'https://api.example', 'https://other-api.example' ), $grant->refresh_resources );
	}

	public function test_the_tokens_may_not_widen_the_resources_of_the_authorization_request(): void {
		$this->code( array( 'data' => array( 'resources' => array( 'https://api.example' ) ) ) );
		$this->assert_redeem_fails( 'invalid_target', 'A requested resource is not registered for this client', array( 'resource' => 'https://other-api.example' ) );
		$this->assertNull( $this->stored_code()->used_at );
	}

	public function test_resources_the_client_is_no_longer_registered_for_are_refused(): void {
		$this->code( array( 'data' => array( 'resources' => array( 'https://gone.example' ) ) ) );
		$this->assert_redeem_fails( 'invalid_target', 'The resources of this grant are no longer registered for this client' );
	}

	public function test_a_deleted_user_ends_the_code(): void {
		$this->code();
		$this->users->delete( self::USER_ID );
		$this->assert_redeem_fails( 'invalid_grant', 'The user of this grant no longer exists' );
		$this->assertNull( $this->stored_code()->used_at );
	}

	public function test_a_role_taken_away_ends_the_code(): void {
		$this->code();
		$this->client->allowed_roles = array( 'editor' );
		$this->assert_redeem_fails( 'invalid_grant', 'The user of this grant may no longer sign in to this client' );
		$this->users->add( self::USER_ID, array( 'editor' ) );
		$this->redeem();
		$this->assertCount( 1, $this->issuer->issued );
	}

	public function test_scopes_the_client_lost_since_the_authorization_are_not_issued(): void {
		$this->code( array( 'scope' => 'openid profile email' ) );
		$this->client->scopes = array( 'openid', 'email' );
		$this->redeem();
		$this->assertSame( array( 'openid', 'email' ), $this->issuer->last()->scopes );
		$this->assertSame( array( 'openid', 'email' ), $this->issuer->last()->refresh_scopes );
	}

	public function test_a_replay_seen_while_the_tokens_are_stored_revokes_them_once_stored(): void {
		$this->code();
		$this->issuer->before_answer = function (): void {
			// A second redemption arrives now: it revokes the family as it is, then the first
			// redemption's tokens land.
			$this->codes->mark_replayed( Secret_Hash::hash( self::CODE ), self::NOW );
			$this->tokens->revoke_grant( self::GRANT_ID );
			$this->stored_token( 'access-1', Stored_Token::TYPE_ACCESS );
		};
		$this->redeem();
		$this->assertSame( array(), $this->live_family() );
	}

	public function test_a_code_deleted_while_the_tokens_are_stored_revokes_them(): void {
		$this->code();
		$this->issuer->before_answer = function (): void {
			// The user revokes the client's consent, which deletes its codes.
			$this->codes->delete_for_user_and_client( self::USER_ID, self::CLIENT_ID );
			$this->stored_token( 'access-1', Stored_Token::TYPE_ACCESS );
		};
		$this->redeem();
		$this->assertSame( array(), $this->live_family() );
	}

	public function test_the_code_is_read_again_after_issuing_only_where_writes_race_across_nodes(): void {
		$this->assert_reads_after_issuing(
			0,
			1,
			function ( Fixed_Replication $replication ): int {
				$this->grant = new Authorization_Code( $this->codes, $this->tokens, $this->allowed_users, $this->issuer, $this->clock, $replication );
				$this->code();
				$this->redeem();
				return $this->codes->replay_checks;
			}
		);
	}

	public function test_a_code_consumed_between_reading_and_redeeming_is_a_replay(): void {
		$this->code();
		$codes                   = $this->codes;
		$this->codes->after_find = static function ( string $code_hash ) use ( $codes ): void {
			// A concurrent request redeems the code right after this one read it unused.
			$codes->consume( $code_hash, self::NOW );
		};
		$this->stored_token( 'access-1', Stored_Token::TYPE_ACCESS );
		$this->assert_redeem_fails( 'invalid_grant', 'The authorization code has already been used' );
		$this->assertSame( array(), $this->live_family() );
		$this->assertSame( array(), $this->issuer->issued );
	}

	/**
	 * @param array<string,mixed> $row
	 */
	private function code( array $row = array() ): void {
		$this->codes->insert(
			Code::from_row(
				$row + array(
					'code_hash'    => Secret_Hash::hash( self::CODE ),
					'client_id'    => self::CLIENT_ID,
					'user_id'      => self::USER_ID,
					'redirect_uri' => self::REDIRECT,
					'scope'        => 'openid profile',
					'auth_time'    => self::NOW - 30,
					'grant_id'     => self::GRANT_ID,
					'expires_at'   => self::NOW + 60,
					'created_at'   => self::NOW - 10,
				)
			)
		);
	}

	/**
	 * @return array<string,string>
	 */
	private static function challenge(): array {
		return array(
			'code_challenge'        => Base64Url::encode( hash( 'sha256', self::VERIFIER, true ) ),
			'code_challenge_method' => 'S256',
		);
	}

	private function stored_code(): Code {
		$code = $this->codes->find( Secret_Hash::hash( self::CODE ) );
		$this->assertNotNull( $code );
		return $code;
	}

	/**
	 * @param array<string,string> $params
	 */
	private function assert_redeem_fails( string $error_code, string $description, array $params = array() ): void {
		$this->assert_oauth_error(
			$error_code,
			function () use ( $params ): void {
				$this->redeem( $params );
			},
			$description
		);
	}

	/**
	 * @param array<string,string> $params
	 * @return array<string,mixed>
	 */
	private function redeem( array $params = array() ): array {
		return $this->grant->execute(
			$this->client,
			self::params(
				$params + array(
					'code'         => self::CODE,
					'redirect_uri' => self::REDIRECT,
				)
			)
		);
	}
}
