<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Authorization;

use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Tests\Authorization\Fakes\Fake_Session;
use Keystone_OIDC\Tokens\Grant;

require_once __DIR__ . '/Pipeline_Case.php';

/**
 * Who must sign in, and when again: `prompt`, `max_age` and `id_token_hint` against the session,
 * measured by the fixed clock.
 */
final class Signing_InTest extends Pipeline_Case {
	protected function setUp(): void {
		parent::setUp();
		$this->consents->remember( self::USER_ID, 'rp', array( 'openid', 'email' ) );
	}

	private function assert_sent_to_login( Answer $answer, bool $reauth ): string {
		$this->assertSame( Answer::REDIRECT, $answer->kind(), 'to the login page' );
		$this->assertStringStartsWith( Fake_Session::LOGIN_URL . '?redirect_to=', $answer->url() );
		$this->assertSame( $reauth, '&reauth=1' === substr( $answer->url(), -9 ) );
		parse_str( (string) parse_url( $answer->url(), PHP_URL_QUERY ), $query );
		$this->assertIsString( $query['redirect_to'] );
		$this->assertStringStartsWith( self::AUTHORIZE_URL . '?', $query['redirect_to'] );
		$this->assertSame( array(), $this->codes->issued );
		return $query['redirect_to'];
	}

	public function test_nobody_signed_in_is_sent_to_log_in_and_back(): void {
		$back = $this->assert_sent_to_login( $this->authorize( $this->valid() ), false );
		$this->assertStringContainsString( 'client_id=rp', $back );
		$this->assertStringContainsString( 'state=st-1', $back );
	}

	public function test_the_way_back_keeps_every_repeated_resource(): void {
		$back = $this->assert_sent_to_login( $this->authorize( $this->valid( array( 'resource' => 'https://api.example/' ) ) ), false );
		$this->assertStringEndsWith( '&resource=' . rawurlencode( 'https://api.example/' ), $back );
	}

	public function test_nobody_signed_in_with_prompt_none_is_login_required(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'prompt' => 'none' ) ) ), 'login_required' );
	}

	public function test_prompt_login_asks_for_the_password_once(): void {
		$this->sign_in();
		$back = $this->assert_sent_to_login( $this->authorize( $this->valid( array( 'prompt' => 'login consent' ) ) ), true );
		$this->assertStringContainsString( 'prompt=consent', $back );
		$this->assertStringNotContainsString( 'login', $back );
	}

	public function test_a_sign_in_older_than_max_age_asks_for_the_password_and_drops_max_age(): void {
		$this->sign_in( array( 'subscriber' ), self::NOW - 301 );
		$back = $this->assert_sent_to_login( $this->authorize( $this->valid( array( 'max_age' => '300' ) ) ), true );
		$this->assertStringNotContainsString( 'max_age', $back );
	}

	public function test_a_sign_in_within_max_age_gets_a_code(): void {
		$this->sign_in( array( 'subscriber' ), self::NOW - 300 );
		$this->assert_code_to_client( $this->authorize( $this->valid( array( 'max_age' => '300' ) ) ) );
		$this->assertSame( self::NOW - 300, $this->codes->issued[0]['auth_time'] );
	}

	public function test_an_unknown_sign_in_time_is_too_old_for_any_max_age(): void {
		$this->sign_in( array( 'subscriber' ), Grant::AUTH_TIME_UNKNOWN );
		$this->assert_sent_to_login( $this->authorize( $this->valid( array( 'max_age' => '3600' ) ) ), true );
	}

	public function test_a_sign_in_too_old_with_prompt_none_is_login_required(): void {
		$this->sign_in( array( 'subscriber' ), self::NOW - 301 );
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'max_age' => '300', 'prompt' => 'none' ) ) ), 'login_required' );
	}

	public function test_prompt_none_for_another_user_than_the_hint_names_is_login_required(): void {
		$this->sign_in();
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'prompt' => 'none', 'id_token_hint' => 'hint-for-8' ) ) ), 'login_required' );
	}

	public function test_prompt_none_for_the_user_the_hint_names_gets_a_code(): void {
		$this->sign_in();
		$this->assert_code_to_client( $this->authorize( $this->valid( array( 'prompt' => 'none', 'id_token_hint' => 'hint-for-' . self::USER_ID ) ) ) );
	}
}
