<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Authorization;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Endpoints\Authorization_Request;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\Error_Boundary;
use Keystone_OIDC\Http\OAuth_Error;
use PHPUnit\Framework\TestCase;

/**
 * The decision table of `Http\Error_Boundary`: JSON for the back channel; in the front channel an
 * HTML page until client and redirect URI are proven, then a redirect or a form post.
 */
final class Error_BoundaryTest extends TestCase {
	private function proven( string $response_mode ): Authorization_Request {
		$client                 = new Client();
		$client->client_id      = 'rp';
		$request                = new Authorization_Request( $client );
		$request->redirect_uri  = 'https://rp.example/cb';
		$request->state         = 'st';
		$request->response_mode = $response_mode;
		return $request;
	}

	public function test_the_back_channel_answers_json_with_the_errors_status(): void {
		$answer = ( new Error_Boundary() )->answer( OAuth_Error::invalid_client( 'x' ), Error_Boundary::BACK, $this->proven( 'query' ) );
		$this->assertSame( Answer::ERROR_JSON, $answer->kind() );
		$this->assertSame( 'invalid_client', $answer->error()->error_code() );
		$this->assertSame( 401, $answer->error()->status() );
	}

	public function test_an_unproven_front_channel_request_gets_a_page_with_its_title(): void {
		$answer = ( new Error_Boundary() )->answer( OAuth_Error::invalid_request( 'x' ), Error_Boundary::FRONT, null, 'GET', 'Sign-out request rejected' );
		$this->assertSame( Answer::ERROR_PAGE, $answer->kind() );
		$this->assertSame( 'invalid_request', $answer->error()->error_code() );
		$this->assertSame( 'Sign-out request rejected', $answer->title() );
	}

	public function test_a_proven_request_gets_a_redirect_with_error_description_and_state(): void {
		$answer = ( new Error_Boundary() )->answer( OAuth_Error::access_denied( 'no' ), Error_Boundary::FRONT, $this->proven( 'query' ), 'POST' );
		$this->assertSame( Answer::TO_CLIENT, $answer->kind() );
		$this->assertFalse( $answer->is_form_post() );
		$this->assertSame( 'POST', $answer->method() );
		$this->assertSame( 'https://rp.example/cb', $answer->url() );
		$this->assertSame(
			array(
				'error'             => 'access_denied',
				'error_description' => 'no',
				'state'             => 'st',
			),
			$answer->params()
		);
	}

	public function test_a_proven_form_post_request_gets_a_form_post(): void {
		$answer = ( new Error_Boundary() )->answer( OAuth_Error::login_required( 'x' ), Error_Boundary::FRONT, $this->proven( 'form_post' ) );
		$this->assertSame( Answer::TO_CLIENT, $answer->kind() );
		$this->assertTrue( $answer->is_form_post() );
		$this->assertSame( 'login_required', $answer->params()['error'] );
	}
}
