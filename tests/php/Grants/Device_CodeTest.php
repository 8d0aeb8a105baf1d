<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Grants;

use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Grants\Device_Code;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Models\Device_Authorization;
use Keystone_OIDC\Tests\Support\Grant_Test_Case;
use Keystone_OIDC\Tests\Support\In_Memory_Device_Code_Store;

/**
 * Every rule of the device_code grant (RFC 8628 §3.4–3.5): the polling answers, `slow_down` with
 * its lasting back-off, expiry, denial, one redemption, each with its exact OAuth error.
 */
final class Device_CodeTest extends Grant_Test_Case {
	const DEVICE_CODE = 'the-device-code';
	const INTERVAL    = 5;

	/** @var In_Memory_Device_Code_Store */
	private $devices;

	/** @var Device_Code */
	private $grant;

	protected function setUp(): void {
		parent::setUp();
		$this->devices = new In_Memory_Device_Code_Store();
		$this->grant   = new Device_Code( $this->devices, $this->allowed_users, $this->issuer, $this->clock );
	}

	public function test_an_approved_code_is_redeemed_into_its_grant(): void {
		$this->request( array( 'status' => Device_Authorization::APPROVED ) );
		$response = $this->poll();

		$grant = $this->issuer->last();
		$this->assertSame( array( 'scope' => 'openid profile' ), $response );
		$this->assertSame( array( 'openid', 'profile' ), $grant->scopes );
		$this->assertSame( self::GRANT_ID, $grant->grant_id );
		$this->assertSame( self::USER_ID, $grant->user->ID );
		$this->assertSame( self::NOW - 30, $grant->auth_time );
		$this->assertNull( $grant->nonce );
		$this->assertNull( $grant->sid );
		$this->assertSame( Device_Authorization::REDEEMED, $this->stored()->status );
	}

	public function test_resources_the_device_asked_for_carry_on_to_the_tokens(): void {
		$this->request(
			array(
				'status'    => Device_Authorization::APPROVED,
				'resources' => array( 'https://api.example' ),
			)
		);
		$this->poll();
		$this->assertSame( array( 'https://api.example' ), $this->issuer->last()->resources );
		$this->assertSame( array( 'https://api.example' ), $this->issuer->last()->refresh_resources );
	}

	public function test_a_missing_device_code_is_an_invalid_request(): void {
		$this->assert_oauth_error(
			'invalid_request',
			function (): void {
				$this->grant->execute( $this->client, self::params( array() ) );
			},
			'device_code is required'
		);
	}

	public function test_an_unknown_code_is_an_invalid_grant(): void {
		$this->request();
		$this->assert_oauth_error(
			'invalid_grant',
			function (): void {
				$this->grant->execute( $this->client, self::params( array( 'device_code' => 'another' ) ) );
			},
			'The device code is invalid'
		);
	}

	public function test_another_clients_code_is_an_invalid_grant_like_an_unknown_one(): void {
		$this->request( array( 'status' => Device_Authorization::APPROVED ) );
		$this->assert_oauth_error(
			'invalid_grant',
			function (): void {
				$this->grant->execute( self::client( 'other' ), self::params( array( 'device_code' => self::DEVICE_CODE ) ) );
			},
			'The device code is invalid'
		);
		$this->assertSame( Device_Authorization::APPROVED, $this->stored()->status );
	}

	public function test_while_the_user_has_not_decided_it_is_authorization_pending(): void {
		$this->request();
		$this->assert_oauth_error( 'authorization_pending', array( $this, 'poll' ) );
		$this->clock->advance( self::INTERVAL );
		$this->assert_oauth_error( 'authorization_pending', array( $this, 'poll' ) );
		$this->assertSame( self::NOW + self::INTERVAL, $this->stored()->last_polled_at );
	}

	public function test_polling_sooner_than_the_interval_is_slow_down_and_the_interval_grows_for_good(): void {
		$this->request();
		$this->assert_oauth_error( 'authorization_pending', array( $this, 'poll' ) );
		$this->clock->advance( self::INTERVAL - 1 );
		$this->assert_oauth_error( 'slow_down', array( $this, 'poll' ), 'Poll at most every 10 seconds' );
		$this->assertSame( self::INTERVAL + 5, $this->stored()->poll_interval );

		// The old interval is no longer enough, the new one is.
		$this->clock->advance( self::INTERVAL );
		$this->assert_oauth_error( 'slow_down', array( $this, 'poll' ) );
		$this->assertSame( self::INTERVAL + 10, $this->stored()->poll_interval );
		$this->clock->advance( self::INTERVAL + 10 );
		$this->assert_oauth_error( 'authorization_pending', array( $this, 'poll' ) );
		$this->assertSame( self::INTERVAL + 10, $this->stored()->poll_interval );
	}

	public function test_an_approved_code_polled_too_soon_is_slow_down_and_still_redeemable(): void {
		$this->request( array( 'last_polled_at' => self::NOW - 1 ) );
		$this->devices->decide( Secret_Hash::hash( self::DEVICE_CODE ), Device_Authorization::APPROVED, self::USER_ID, self::NOW - 30 );
		$this->assert_oauth_error( 'slow_down', array( $this, 'poll' ) );
		$this->assertSame( array(), $this->issuer->issued );
		$this->clock->advance( 10 );
		$this->poll();
		$this->assertCount( 1, $this->issuer->issued );
	}

	public function test_a_denied_request_is_access_denied(): void {
		$this->request( array( 'status' => Device_Authorization::DENIED ) );
		$this->assert_oauth_error( 'access_denied', array( $this, 'poll' ) );
		try {
			$this->clock->advance( self::INTERVAL );
			$this->poll();
		} catch ( OAuth_Error $error ) {
			// A token endpoint error is 400 (RFC 6749 §5.2), unlike the front channel's 403.
			$this->assertSame( 400, $error->status() );
		}
	}

	public function test_an_expired_code_is_expired_token_whatever_its_status(): void {
		foreach ( array( Device_Authorization::PENDING, Device_Authorization::APPROVED ) as $status ) {
			$this->devices->rows = array();
			$this->request(
				array(
					'status'     => $status,
					'expires_at' => self::NOW,
				)
			);
			$this->assert_oauth_error( 'expired_token', array( $this, 'poll' ) );
		}
		$this->assertSame( array(), $this->issuer->issued );
	}

	public function test_a_redeemed_code_is_an_invalid_grant(): void {
		$this->request( array( 'status' => Device_Authorization::APPROVED ) );
		$this->poll();
		$this->clock->advance( self::INTERVAL );
		$this->assert_oauth_error( 'invalid_grant', array( $this, 'poll' ), 'The device code has already been used' );
		$this->assertCount( 1, $this->issuer->issued );
	}

	public function test_the_loser_of_a_redemption_race_gets_no_tokens(): void {
		$this->request( array( 'status' => Device_Authorization::APPROVED ) );
		$this->devices->lose_next_redemption = true;
		$this->assert_oauth_error( 'invalid_grant', array( $this, 'poll' ), 'The device code has already been used' );
		$this->assertSame( array(), $this->issuer->issued );
	}

	public function test_a_user_no_longer_allowed_gets_no_tokens(): void {
		$this->client->allowed_roles = array( 'editor' );
		$this->request( array( 'status' => Device_Authorization::APPROVED ) );
		$this->assert_oauth_error( 'invalid_grant', array( $this, 'poll' ), 'The user of this grant may no longer sign in to this client' );
		$this->assertSame( Device_Authorization::APPROVED, $this->stored()->status );
	}

	/**
	 * @return array<string,mixed>
	 */
	public function poll(): array {
		return $this->grant->execute( $this->client, self::params( array( 'device_code' => self::DEVICE_CODE ) ) );
	}

	/**
	 * @param array<string,mixed> $row
	 */
	private function request( array $row = array() ): void {
		$status = $row['status'] ?? Device_Authorization::PENDING;
		$this->devices->insert(
			Device_Authorization::from_row(
				$row + array(
					'device_code_hash' => Secret_Hash::hash( self::DEVICE_CODE ),
					'user_code_hash'   => Secret_Hash::hash( 'BCDFGHJK' ),
					'client_id'        => self::CLIENT_ID,
					'scope'            => 'openid profile',
					'status'           => $status,
					'user_id'          => Device_Authorization::PENDING === $status ? null : self::USER_ID,
					'auth_time'        => Device_Authorization::PENDING === $status ? null : self::NOW - 30,
					'grant_id'         => self::GRANT_ID,
					'poll_interval'    => self::INTERVAL,
					'expires_at'       => self::NOW + 600,
					'created_at'       => self::NOW - 60,
				)
			)
		);
	}

	private function stored(): Device_Authorization {
		$stored = $this->devices->find( Secret_Hash::hash( self::DEVICE_CODE ) );
		$this->assertNotNull( $stored );
		return $stored;
	}
}
