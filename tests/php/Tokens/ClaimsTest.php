<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Tokens;

use Keystone_OIDC\Tokens\Claims;
use PHPUnit\Framework\TestCase;

final class ClaimsTest extends TestCase {
	/** @var array<string,mixed> */
	private $available = array(
		'name'               => 'Ada Lovelace',
		'given_name'         => 'Ada',
		'family_name'        => '',
		'preferred_username' => 'ada',
		'nickname'           => 'ada',
		'picture'            => null,
		'website'            => 'https://ada.example',
		'updated_at'         => 1700000000,
		'email'              => 'ada@example.test',
		'email_verified'     => false,
	);

	public function test_openid_alone_releases_no_user_claims(): void {
		$this->assertSame( array(), Claims::select( $this->available, array( 'openid' ) ) );
	}

	public function test_profile_releases_profile_claims_that_have_a_value(): void {
		$this->assertSame(
			array(
				'name'               => 'Ada Lovelace',
				'given_name'         => 'Ada',
				'preferred_username' => 'ada',
				'nickname'           => 'ada',
				'website'            => 'https://ada.example',
				'updated_at'         => 1700000000,
			),
			Claims::select( $this->available, array( 'openid', 'profile' ) )
		);
	}

	public function test_email_releases_email_and_a_false_email_verified(): void {
		$this->assertSame(
			array(
				'email'          => 'ada@example.test',
				'email_verified' => false,
			),
			Claims::select( $this->available, array( 'openid', 'email' ) )
		);
	}

	public function test_unknown_scopes_release_nothing(): void {
		$this->assertSame( array(), Claims::select( $this->available, array( 'openid', 'address', 'offline_access' ) ) );
	}

	public function test_supported_lists_protocol_and_scope_claims_once(): void {
		$supported = Claims::supported();
		$this->assertContains( 'sub', $supported );
		$this->assertContains( 'email_verified', $supported );
		$this->assertSame( array_values( array_unique( $supported ) ), $supported );
	}
}
