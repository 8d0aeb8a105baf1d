<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Authorization;

use Keystone_OIDC\Clients\Client;

require_once __DIR__ . '/Pipeline_Case.php';

/**
 * RFC 6749 §4.1.2.1: a client whose grant types lack authorization_code may not start the code
 * flow. Once the redirect URI is proven the refusal goes back to the client; before, a page.
 */
final class Code_Grant_AllowedTest extends Pipeline_Case {
	protected function setUp(): void {
		parent::setUp();
		$this->sign_in();
	}

	/**
	 * @param string[] $redirect_uris
	 */
	private function machine_client( string $client_id, array $redirect_uris ): void {
		$client                = $this->client( $client_id, Client::TYPE_CONFIDENTIAL );
		$client->grant_types   = array( Client::GRANT_CLIENT_CREDENTIALS );
		$client->redirect_uris = $redirect_uris;
		$this->clients->add( $client );
	}

	public function test_a_client_without_the_code_grant_is_unauthorized_client_to_its_redirect_uri(): void {
		$this->machine_client( 'service', array( self::REDIRECT_URI ) );
		$answer = $this->authorize( $this->valid( array( 'client_id' => 'service' ) ) );
		$this->assert_error_to_client( $answer, 'unauthorized_client' );
		$this->assertSame( 'This client may not use the authorization code grant', $answer->error()->description() );
		$this->assertSame( array(), $this->codes->issued );
	}

	public function test_it_is_refused_before_the_rest_of_the_request_is_judged(): void {
		$this->machine_client( 'service', array( self::REDIRECT_URI ) );
		$this->assert_error_to_client( $this->authorize( $this->valid( array( 'client_id' => 'service', 'response_type' => 'token' ) ) ), 'unauthorized_client' );
	}

	public function test_a_client_without_redirect_uris_gets_the_error_page(): void {
		$this->machine_client( 'service', array() );
		$this->assert_error_page( $this->authorize( $this->valid( array( 'client_id' => 'service' ) ) ), 'invalid_request' );
	}

	public function test_the_code_grant_switched_off_while_the_user_was_asked_for_consent_is_refused_at_the_decision(): void {
		$this->authorize( $this->valid( array( 'response_mode' => 'form_post' ) ) );
		$request_id = (string) $this->prompt->last_request_id;
		$this->machine_client( 'rp', array( self::REDIRECT_URI ) );
		$answer = $this->decide(
			array(
				'request_id' => $request_id,
				'decision'   => 'allow',
				'_wpnonce'   => $this->pending->nonce( $request_id ),
			)
		);
		$this->assert_error_to_client( $answer, 'unauthorized_client', 'st-1', true );
		$this->assertSame( array(), $this->codes->issued );
	}

	public function test_the_default_grant_types_still_get_a_code(): void {
		$this->consents->allowed[ self::USER_ID . ' rp' ] = array( 'openid', 'email' );
		$this->assert_code_to_client( $this->authorize( $this->valid() ) );
	}
}
