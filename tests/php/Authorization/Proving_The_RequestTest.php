<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Authorization;

require_once __DIR__ . '/Pipeline_Case.php';

/**
 * Until the client and its redirect URI are proven, every error is an HTML page (RFC 6749
 * §4.1.2.1: never redirect to an unverified URI).
 */
final class Proving_The_RequestTest extends Pipeline_Case {
	protected function setUp(): void {
		parent::setUp();
		$this->sign_in();
	}

	public function test_a_request_too_large_to_travel_in_urls_is_a_page(): void {
		$this->assert_error_page( $this->authorize( $this->valid( array( 'state' => str_repeat( 's', 4096 ) ) ) ), 'invalid_request' );
	}

	public function test_a_missing_client_id_is_a_page(): void {
		$this->assert_error_page( $this->authorize( $this->valid( array( 'client_id' => null ) ) ), 'invalid_request' );
	}

	public function test_a_repeated_client_id_is_a_page(): void {
		$this->assert_error_page( $this->authorize( $this->valid(), 'client_id=rp' ), 'invalid_request' );
	}

	public function test_an_unknown_client_is_a_page(): void {
		$this->assert_error_page( $this->authorize( $this->valid( array( 'client_id' => 'nobody' ) ) ), 'invalid_client' );
	}

	public function test_a_missing_redirect_uri_is_a_page(): void {
		$this->assert_error_page( $this->authorize( $this->valid( array( 'redirect_uri' => null ) ) ), 'invalid_request' );
	}

	public function test_an_unregistered_redirect_uri_is_a_page_even_with_a_proven_client(): void {
		$answer = $this->authorize( $this->valid( array( 'redirect_uri' => 'https://attacker.example/callback' ) ) );
		$this->assert_error_page( $answer, 'invalid_request' );
		$this->assertSame( 'redirect_uri is not registered for this client', $answer->error()->description() );
	}

	public function test_a_page_is_answered_before_any_later_rule_is_checked(): void {
		// Both the redirect URI and the response type are wrong: the first proven-ness rule wins.
		$answer = $this->authorize( $this->valid( array( 'redirect_uri' => 'https://attacker.example/cb', 'response_type' => 'token' ) ) );
		$this->assert_error_page( $answer, 'invalid_request' );
	}
}
