<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Authorization;

use Keystone_OIDC\Http\Answer;

require_once __DIR__ . '/Pipeline_Case.php';

/**
 * The signed-in user: the client's allowed roles, then remembered consent, the administrator's
 * trust (`skip_consent`) or the consent screen, then the code.
 */
final class ConsentTest extends Pipeline_Case {
	protected function setUp(): void {
		parent::setUp();
		$this->sign_in();
	}

	private function assert_consent_screen( Answer $answer ): void {
		$this->assertSame( Answer::HTML, $answer->kind() );
		$this->assertSame( 200, $answer->status() );
		$this->assertNotNull( $this->prompt->last_request_id );
		$this->assertSame( array(), $this->codes->issued );
	}

	public function test_a_user_without_an_allowed_role_is_access_denied(): void {
		$client                = $this->client( 'rp', 'confidential' );
		$client->allowed_roles = array( 'editor' );
		$this->clients->add( $client );
		$this->consents->remember( self::USER_ID, 'rp', array( 'openid', 'email' ) );
		$this->assert_error_to_client( $this->authorize( $this->valid() ), 'access_denied' );
	}

	public function test_a_user_with_an_allowed_role_gets_a_code(): void {
		$client                = $this->client( 'rp', 'confidential' );
		$client->allowed_roles = array( 'editor', 'subscriber' );
		$this->clients->add( $client );
		$this->consents->remember( self::USER_ID, 'rp', array( 'openid', 'email' ) );
		$this->assert_code_to_client( $this->authorize( $this->valid() ) );
	}

	public function test_without_consent_the_screen_asks_and_keeps_the_request(): void {
		$this->assert_consent_screen( $this->authorize( $this->valid() ) );
		$waiting = $this->pending->waiting[ (string) $this->prompt->last_request_id ];
		$this->assertSame( self::USER_ID, $waiting['user_id'] );
		$this->assertSame( self::NOW - 60, $waiting['auth_time'] );
		$this->assertSame( array( 'openid', 'email' ), $waiting['request']['scopes'] );
		$this->assertStringStartsWith( self::AUTHORIZE_URL . '?', (string) $this->prompt->last_return_url );
	}

	public function test_without_consent_prompt_none_is_consent_required(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'prompt' => 'none' ) ) ), 'consent_required' );
	}

	public function test_remembered_consent_gets_a_code_without_asking(): void {
		$this->consents->remember( self::USER_ID, 'rp', array( 'openid', 'email', 'profile' ) );
		$this->assert_code_to_client( $this->authorize( $this->valid() ) );
		$this->assertSame( self::USER_ID, $this->codes->issued[0]['user_id'] );
	}

	public function test_a_scope_not_yet_allowed_asks_again(): void {
		$this->consents->remember( self::USER_ID, 'rp', array( 'openid' ) );
		$this->assert_consent_screen( $this->authorize( $this->valid() ) );
	}

	public function test_prompt_consent_asks_even_with_remembered_consent(): void {
		$this->consents->remember( self::USER_ID, 'rp', array( 'openid', 'email' ) );
		$this->assert_consent_screen( $this->authorize( $this->valid( array( 'prompt' => 'consent' ) ) ) );
	}

	public function test_a_trusted_client_gets_a_code_and_the_consent_is_recorded_once(): void {
		$client               = $this->client( 'rp', 'confidential' );
		$client->skip_consent = true;
		$this->clients->add( $client );
		$this->assert_code_to_client( $this->authorize( $this->valid() ) );
		$this->assert_code_to_client( $this->authorize( $this->valid() ), 'code-2' );
		$this->assertSame( array( self::USER_ID . ' rp' => array( 'openid', 'email' ) ), $this->consents->allowed );
		$this->assertSame( 1, $this->consents->writes );
	}

	public function test_a_trusted_client_still_asks_for_offline_access(): void {
		$client               = $this->client( 'rp', 'confidential' );
		$client->skip_consent = true;
		$this->clients->add( $client );
		$this->assert_consent_screen( $this->authorize( $this->valid( array( 'scope' => 'openid offline_access' ) ) ) );
	}

	public function test_a_client_trusted_with_offline_access_too_gets_it_without_recording_it(): void {
		$client                              = $this->client( 'rp', 'confidential' );
		$client->skip_consent                = true;
		$client->skip_consent_offline_access = true;
		$this->clients->add( $client );
		$this->assert_code_to_client( $this->authorize( $this->valid( array( 'scope' => 'openid offline_access' ) ) ) );
		$this->assertSame( array( self::USER_ID . ' rp' => array( 'openid' ) ), $this->consents->allowed );
	}
}
