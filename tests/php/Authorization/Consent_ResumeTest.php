<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Authorization;

use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Http\Redirect_Url;

require_once __DIR__ . '/Pipeline_Case.php';

/**
 * The consent decision resumes the waiting request. Until the user, the nonce and the request are
 * proven, errors are pages; after that, Deny and a lost role go back to the client.
 */
final class Consent_ResumeTest extends Pipeline_Case {
	/** @var string */
	private $request_id;

	protected function setUp(): void {
		parent::setUp();
		$this->sign_in();
		$this->authorize( $this->valid( array( 'response_mode' => 'form_post' ) ) );
		$this->request_id = (string) $this->prompt->last_request_id;
	}

	/**
	 * @param array<string,string|null> $changes
	 * @return array<string,string|null>
	 */
	private function form( array $changes = array() ): array {
		return array_merge(
			array(
				'request_id' => $this->request_id,
				'decision'   => 'allow',
				'_wpnonce'   => $this->pending->nonce( $this->request_id ),
			),
			$changes
		);
	}

	public function test_allow_issues_the_code_with_the_sign_in_time_and_remembers_the_scopes(): void {
		$answer = $this->decide( $this->form() );
		$this->assert_code_to_client( $answer );
		$this->assertTrue( $answer->is_form_post() );
		$this->assertSame( 'POST', $answer->method() );
		$this->assertSame( self::NOW - 60, $this->codes->issued[0]['auth_time'] );
		$this->assertTrue( $this->consents->covers( self::USER_ID, 'rp', array( 'openid', 'email' ) ) );
	}

	public function test_deny_is_access_denied_to_the_client_and_remembers_nothing(): void {
		$this->assert_error_to_client( $this->decide( $this->form( array( 'decision' => 'deny' ) ) ), 'access_denied', 'st-1', true );
		$this->assertSame( array(), $this->consents->allowed );
	}

	public function test_the_request_is_answered_once(): void {
		$this->decide( $this->form() );
		$this->assert_error_page( $this->decide( $this->form() ), 'invalid_request' );
		$this->assertCount( 1, $this->codes->issued );
	}

	public function test_a_signed_out_user_is_a_page(): void {
		$this->session->user = null;
		$this->assert_error_page( $this->decide( $this->form() ), 'login_required' );
	}

	public function test_a_wrong_nonce_is_a_page(): void {
		$this->assert_error_page( $this->decide( $this->form( array( '_wpnonce' => 'forged' ) ) ), 'invalid_request' );
	}

	public function test_a_repeated_field_is_a_page(): void {
		$raw = Redirect_Url::encode( $this->form() ) . '&decision=deny';
		$this->assert_error_page( $this->pipelines->consent_resume()->run( Parameters::parse( $raw ), 'POST' ), 'invalid_request' );
	}

	public function test_a_malformed_decision_is_a_page_and_leaves_the_request_answerable(): void {
		$this->assert_error_page( $this->decide( $this->form( array( 'decision' => 'maybe' ) ) ), 'invalid_request' );
		$this->assert_code_to_client( $this->decide( $this->form() ) );
	}

	public function test_another_users_request_is_a_page(): void {
		$this->sign_in( array( 'subscriber' ), self::NOW - 60, self::USER_ID + 1 );
		$this->assert_error_page( $this->decide( $this->form() ), 'invalid_request' );
	}

	public function test_a_client_deleted_meanwhile_is_a_page(): void {
		$this->clients->remove( 'rp' );
		$this->assert_error_page( $this->decide( $this->form() ), 'invalid_client' );
	}

	public function test_a_redirect_uri_unregistered_meanwhile_is_a_page(): void {
		$client                = $this->client( 'rp', 'confidential' );
		$client->redirect_uris = array( 'https://rp.example/other' );
		$this->clients->add( $client );
		$this->assert_error_page( $this->decide( $this->form() ), 'invalid_request' );
	}

	public function test_a_role_lost_meanwhile_is_access_denied_to_the_client(): void {
		$client                = $this->client( 'rp', 'confidential' );
		$client->allowed_roles = array( 'editor' );
		$this->clients->add( $client );
		$this->assert_error_to_client( $this->decide( $this->form() ), 'access_denied', 'st-1', true );
		$this->assertSame( array(), $this->codes->issued );
	}
}
