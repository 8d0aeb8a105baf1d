<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Test_Sign_In;

use Keystone_OIDC\Checks\Pkce;
use Keystone_OIDC\Test_Sign_In\Test_Session;
use Keystone_OIDC\Test_Sign_In\Test_Verifier;
use PHPUnit\Framework\TestCase;

/**
 * The derived PKCE verifier and the test session's own rule.
 */
final class Test_VerifierTest extends TestCase {
	public function test_the_verifier_is_valid_and_matches_its_challenge(): void {
		$verifier = new Test_Verifier( 'site-key' );
		$this->assertTrue( Pkce::is_valid_verifier( $verifier->for_state( 'state-1' ) ) );
		$this->assertTrue( Pkce::verify( $verifier->for_state( 'state-1' ), $verifier->challenge( 'state-1' ), Pkce::METHOD_S256 ) );
	}

	public function test_the_verifier_depends_on_state_and_site_key(): void {
		$verifier = new Test_Verifier( 'site-key' );
		$this->assertNotSame( $verifier->for_state( 'state-1' ), $verifier->for_state( 'state-2' ) );
		$this->assertNotSame( $verifier->for_state( 'state-1' ), ( new Test_Verifier( 'other-key' ) )->for_state( 'state-1' ) );
		$this->assertFalse( Pkce::verify( $verifier->for_state( 'state-2' ), $verifier->challenge( 'state-1' ), Pkce::METHOD_S256 ) );
	}

	public function test_a_session_admits_only_its_admin_and_client_until_it_expires(): void {
		$session = new Test_Session( 7, 'rp', 'n', 1000 );
		$this->assertTrue( $session->admits( 7, 'rp', 999 ) );
		$this->assertFalse( $session->admits( 7, 'rp', 1000 ) );
		$this->assertFalse( $session->admits( 8, 'rp', 999 ) );
		$this->assertFalse( $session->admits( 7, 'other', 999 ) );
	}

	public function test_a_stored_session_round_trips_and_garbage_is_none(): void {
		$session = new Test_Session( 7, 'rp', 'n', 1000 );
		$this->assertEquals( $session, Test_Session::from_array( $session->to_array() ) );
		$this->assertNull( Test_Session::from_array( 'garbage' ) );
		$this->assertNull( Test_Session::from_array( array( 'user_id' => 7 ) ) );
	}
}
