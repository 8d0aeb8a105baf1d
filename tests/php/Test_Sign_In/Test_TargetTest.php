<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Test_Sign_In;

use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Test_Sign_In\Test_Session;
use Keystone_OIDC\Test_Sign_In\Test_Target;
use Keystone_OIDC\Tests\Authorization\Pipeline_Case;
use Keystone_OIDC\Tests\Support\Fixed_Clock;

require_once dirname( __DIR__ ) . '/Authorization/Pipeline_Case.php';
require_once __DIR__ . '/In_Memory_Test_Sessions.php';

/**
 * The built-in redirect target of Test sign-in is accepted only for a live test session of the
 * signed-in administrator for that very client; every other use is the unregistered-redirect-URI
 * page, with no redirect and no code.
 */
final class Test_TargetTest extends Pipeline_Case {
	const TARGET = 'https://op.example/wp-admin/admin.php?page=keystone-oidc-test-sign-in';
	const STATE  = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
	const ADMIN  = self::USER_ID;

	/** @var In_Memory_Test_Sessions */
	private $tests;

	protected function setUp(): void {
		parent::setUp();
		$this->tests     = new In_Memory_Test_Sessions();
		$this->pipelines = $this->pipelines_with( new Test_Target( self::TARGET, $this->tests, $this->session, new Fixed_Clock( self::NOW ) ) );
		$this->sign_in( array( 'administrator' ) );
		$this->consents->remember( self::ADMIN, 'rp', array( 'openid', 'email' ) );
	}

	private function start( int $user_id = self::ADMIN, string $client_id = 'rp', int $expires_at = self::NOW + 600 ): void {
		$this->tests->save( self::STATE, new Test_Session( $user_id, $client_id, 'n-1', $expires_at ) );
	}

	/**
	 * @param array<string,string|null> $changes
	 */
	private function test_request( array $changes = array() ): Answer {
		return $this->authorize( $this->valid( array_merge( array( 'redirect_uri' => self::TARGET, 'state' => self::STATE ), $changes ) ) );
	}

	private function allow_last_request(): Answer {
		$request_id = (string) $this->prompt->last_request_id;
		return $this->decide(
			array(
				'request_id' => $request_id,
				'decision'   => 'allow',
				'_wpnonce'   => $this->pending->nonce( $request_id ),
			)
		);
	}

	public function test_a_live_session_of_the_signed_in_admin_for_the_client_gets_a_code_at_the_target(): void {
		$this->start();
		$answer = $this->test_request();
		$this->assertSame( Answer::TO_CLIENT, $answer->kind() );
		$this->assertSame( self::TARGET, $answer->url() );
		$this->assertSame( 'code-1', $answer->params()['code'] ?? null );
		$this->assertSame( self::STATE, $answer->params()['state'] ?? null );
	}

	public function test_without_a_session_the_target_is_an_unregistered_redirect_uri(): void {
		$answer = $this->test_request();
		$this->assert_error_page( $answer, 'invalid_request' );
		$this->assertSame( 'redirect_uri is not registered for this client', $answer->error()->description() );
		$this->assertSame( array(), $this->codes->issued );
	}

	public function test_without_a_state_the_target_is_refused(): void {
		$this->start();
		$this->assert_error_page( $this->test_request( array( 'state' => null ) ), 'invalid_request' );
	}

	public function test_another_admins_session_is_refused(): void {
		$this->start( self::ADMIN + 1 );
		$this->assert_error_page( $this->test_request(), 'invalid_request' );
	}

	public function test_a_session_for_another_client_is_refused(): void {
		$this->start( self::ADMIN, 'spa' );
		$this->assert_error_page( $this->test_request(), 'invalid_request' );
	}

	public function test_an_expired_session_is_refused(): void {
		$this->start( self::ADMIN, 'rp', self::NOW );
		$this->assert_error_page( $this->test_request(), 'invalid_request' );
	}

	public function test_a_taken_session_is_refused(): void {
		$this->start();
		$this->tests->take( self::ADMIN, self::STATE );
		$this->assert_error_page( $this->test_request(), 'invalid_request' );
	}

	public function test_nobody_signed_in_is_refused_before_being_sent_to_the_login(): void {
		$this->start();
		$this->session->user = null;
		$this->assert_error_page( $this->test_request(), 'invalid_request' );
	}

	public function test_a_session_does_not_admit_any_other_redirect_uri(): void {
		$this->start();
		$this->assert_error_page( $this->test_request( array( 'redirect_uri' => self::TARGET . '&x=1' ) ), 'invalid_request' );
	}

	public function test_an_admin_outside_the_clients_roles_gets_access_denied_at_the_target(): void {
		$client                = $this->client( 'rp', 'confidential' );
		$client->allowed_roles = array( 'editor' );
		$this->clients->add( $client );
		$this->start();
		$answer = $this->test_request();
		$this->assertSame( Answer::TO_CLIENT, $answer->kind() );
		$this->assertSame( self::TARGET, $answer->url() );
		$this->assertSame( 'access_denied', $answer->params()['error'] ?? null );
		$this->assertArrayNotHasKey( 'code', $answer->params() );
	}

	public function test_the_consent_screen_resumes_to_the_target_while_the_session_lives(): void {
		$this->consents->allowed = array();
		$this->start();
		$this->assertSame( Answer::HTML, $this->test_request()->kind() );
		$answer = $this->allow_last_request();
		$this->assertSame( self::TARGET, $answer->url() );
		$this->assertSame( 'code-1', $answer->params()['code'] ?? null );
	}

	public function test_the_consent_screen_does_not_resume_to_the_target_once_the_session_is_gone(): void {
		$this->consents->allowed = array();
		$this->start();
		$this->test_request();
		$this->tests->take( self::ADMIN, self::STATE );
		$answer = $this->allow_last_request();
		$this->assert_error_page( $answer, 'invalid_request' );
		$this->assertSame( array(), $this->codes->issued );
	}
}
