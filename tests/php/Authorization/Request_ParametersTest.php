<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Authorization;

require_once __DIR__ . '/Pipeline_Case.php';

/**
 * Once the client and redirect URI are proven, each parameter rule refuses by a redirect to the
 * client carrying the exact error code and the state; `form_post` requests get a form post.
 */
final class Request_ParametersTest extends Pipeline_Case {
	protected function setUp(): void {
		parent::setUp();
		$this->sign_in();
		$this->consents->remember( self::USER_ID, 'rp', array( 'openid', 'profile', 'email', 'offline_access' ) );
		$this->consents->remember( self::USER_ID, 'spa', array( 'openid', 'email' ) );
	}

	public function test_the_valid_request_gets_a_code(): void {
		$this->assert_code_to_client( $this->authorize( $this->valid() ) );
		$this->assertSame( 'n-1', $this->codes->issued[0]['request']->nonce );
		$this->assertSame( self::CHALLENGE, $this->codes->issued[0]['request']->code_challenge );
	}

	public function test_a_repeated_parameter_is_invalid_request(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid(), 'scope=openid' ), 'invalid_request' );
	}

	public function test_a_repeated_state_is_refused_without_a_state(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid(), 'state=other' ), 'invalid_request', null );
	}

	public function test_request_objects_are_not_supported(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'request' => 'eyJ.x.y' ) ) ), 'request_not_supported' );
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'request_uri' => 'https://rp.example/r' ) ) ), 'request_uri_not_supported' );
	}

	public function test_response_type_is_required(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'response_type' => null ) ) ), 'invalid_request' );
	}

	public function test_only_the_code_response_type_is_supported(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'response_type' => 'code id_token' ) ) ), 'unsupported_response_type' );
	}

	public function test_an_unsupported_response_mode_is_refused_in_the_query(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'response_mode' => 'fragment' ) ) ), 'invalid_request' );
	}

	public function test_a_form_post_request_gets_its_error_as_a_form_post(): void {
		$answer = $this->authorize( $this->valid( array( 'response_mode' => 'form_post', 'response_type' => 'token' ) ) );
		$this->assert_error_to_client( $answer, 'unsupported_response_type', 'st-1', true );
	}

	public function test_a_form_post_request_gets_its_code_as_a_form_post(): void {
		$answer = $this->authorize( $this->valid( array( 'response_mode' => 'form_post' ) ) );
		$this->assert_code_to_client( $answer );
		$this->assertTrue( $answer->is_form_post() );
	}

	public function test_scope_is_required(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'scope' => null ) ) ), 'invalid_request' );
	}

	public function test_a_malformed_scope_is_invalid_scope(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'scope' => 'openid "email"' ) ) ), 'invalid_scope' );
	}

	public function test_the_openid_scope_is_required(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'scope' => 'email' ) ) ), 'invalid_scope' );
	}

	public function test_scopes_the_provider_or_the_client_does_not_have_are_dropped_not_granted(): void {
		$this->assert_code_to_client( $this->authorize( $this->valid( array( 'scope' => 'openid email roles calendar' ) ) ) );
		$this->assertSame( array( 'openid', 'email' ), $this->codes->issued[0]['request']->scopes );
	}

	public function test_offline_access_is_dropped_for_a_client_without_refresh_tokens(): void {
		$client                 = $this->client( 'rp', 'confidential' );
		$client->refresh_tokens = false;
		$this->clients->add( $client );
		$this->assert_code_to_client( $this->authorize( $this->valid( array( 'scope' => 'openid offline_access' ) ) ) );
		$this->assertSame( array( 'openid' ), $this->codes->issued[0]['request']->scopes );
	}

	public function test_a_resource_the_client_is_not_registered_for_is_invalid_target(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'resource' => 'https://other.example/' ) ) ), 'invalid_target' );
	}

	public function test_a_malformed_resource_is_invalid_target(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'resource' => 'https://api.example/#x' ) ) ), 'invalid_target' );
	}

	public function test_registered_resources_may_be_repeated_and_are_kept(): void {
		$this->assert_code_to_client( $this->authorize( $this->valid( array( 'resource' => 'https://api.example/' ) ), 'resource=' . rawurlencode( 'https://api.example/' ) ) );
		$this->assertSame( array( 'https://api.example/' ), $this->codes->issued[0]['request']->resources );
	}

	public function test_a_public_client_must_use_pkce(): void {
		$answer = $this->authorize( $this->valid( array( 'client_id' => 'spa', 'code_challenge' => null, 'code_challenge_method' => null ) ) );
		$this->assert_error_to_client( $answer, 'invalid_request' );
		$this->assertSame( 'Public clients must use PKCE (code_challenge)', $answer->error()->description() );
	}

	public function test_a_confidential_client_may_leave_pkce_out(): void {
		$this->assert_code_to_client( $this->authorize( $this->valid( array( 'code_challenge' => null, 'code_challenge_method' => null ) ) ) );
	}

	public function test_a_method_without_a_challenge_is_refused(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'code_challenge' => null ) ) ), 'invalid_request' );
	}

	public function test_a_challenge_without_a_method_is_refused_not_read_as_plain(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'code_challenge_method' => null ) ) ), 'invalid_request' );
	}

	public function test_the_plain_method_is_refused(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'code_challenge_method' => 'plain' ) ) ), 'invalid_request' );
	}

	public function test_a_malformed_challenge_is_refused(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'code_challenge' => 'short' ) ) ), 'invalid_request' );
	}

	public function test_a_nonce_past_512_bytes_is_refused(): void {
		$this->assert_code_to_client( $this->authorize( $this->valid( array( 'nonce' => str_repeat( 'n', 512 ) ) ) ) );
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'nonce' => str_repeat( 'n', 513 ) ) ) ), 'invalid_request' );
	}

	public function test_an_unsupported_prompt_is_refused(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'prompt' => 'create' ) ) ), 'invalid_request' );
	}

	public function test_prompt_none_cannot_be_combined(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'prompt' => 'none login' ) ) ), 'invalid_request' );
	}

	public function test_max_age_must_be_a_non_negative_integer(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'max_age' => '-1' ) ) ), 'invalid_request' );
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'max_age' => '1.5' ) ) ), 'invalid_request' );
	}

	public function test_an_id_token_hint_that_does_not_verify_is_refused(): void {
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'id_token_hint' => 'forged' ) ) ), 'invalid_request' );
	}

	public function test_errors_are_reported_in_the_order_of_the_steps(): void {
		// Wrong response type, no openid scope and a plain challenge: the response type comes first.
		$answer = $this->authorize( $this->valid( array( 'response_type' => 'token', 'scope' => 'email', 'code_challenge_method' => 'plain' ) ) );
		$this->assert_error_to_client( $answer, 'unsupported_response_type' );
	}

	public function test_an_error_after_a_post_is_a_303_redirect(): void {
		$answer = $this->authorize( $this->valid( array( 'response_type' => 'token' ) ), '', 'POST' );
		$this->assert_error_to_client( $answer, 'unsupported_response_type' );
		$this->assertSame( 'POST', $answer->method() );
	}
}
