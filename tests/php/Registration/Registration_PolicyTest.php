<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Registration;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Registration\Registration_Policy;
use PHPUnit\Framework\TestCase;

final class Registration_PolicyTest extends TestCase {
	public function test_off_refuses_every_registration_with_access_denied(): void {
		$error = $this->refusal(
			static function (): void {
				( new Registration_Policy( 'off', 10 ) )->requires_initial_token( 0 );
			}
		);
		$this->assertSame( 'access_denied', $error->error_code() );
		$this->assertSame( 403, $error->status() );
	}

	public function test_token_requires_an_initial_access_token_whatever_the_count(): void {
		$this->assertTrue( ( new Registration_Policy( 'token', 0 ) )->requires_initial_token( 5 ) );
	}

	public function test_loopback_is_open_until_the_limit(): void {
		$policy = new Registration_Policy( 'loopback', 3 );
		$this->assertFalse( $policy->requires_initial_token( 2 ) );
		$error = $this->refusal(
			static function () use ( $policy ): void {
				$policy->requires_initial_token( 3 );
			}
		);
		$this->assertSame( 'access_denied', $error->error_code() );
	}

	public function test_open_registration_admits_a_public_native_client(): void {
		Registration_Policy::check_open( $this->native( array( 'http://127.0.0.1:8080/cb', 'http://[::1]/cb', 'http://localhost:3000/cb', 'com.example.app:/cb' ) ) );
		$this->addToAssertionCount( 1 );
	}

	public function test_open_registration_refuses_an_https_redirect_uri(): void {
		$error = $this->refusal(
			function (): void {
				Registration_Policy::check_open( $this->native( array( 'http://127.0.0.1/cb', 'https://app.example/cb' ) ) );
			}
		);
		$this->assertSame( 'invalid_redirect_uri', $error->error_code() );
		$this->assertStringContainsString( 'https://app.example/cb', $error->description() );
	}

	public function test_open_registration_refuses_a_confidential_client(): void {
		$client                             = $this->native( array( 'http://127.0.0.1/cb' ) );
		$client->type                       = Client::TYPE_CONFIDENTIAL;
		$client->token_endpoint_auth_method = Client::AUTH_SECRET_BASIC;
		$this->assertSame( 'invalid_client_metadata', $this->open_refusal( $client )->error_code() );
	}

	public function test_open_registration_refuses_grants_beyond_the_code_flow(): void {
		$client              = $this->native( array( 'http://127.0.0.1/cb' ) );
		$client->grant_types = array( Client::GRANT_AUTHORIZATION_CODE, Client::GRANT_DEVICE_CODE );
		$error               = $this->open_refusal( $client );
		$this->assertSame( 'invalid_client_metadata', $error->error_code() );
		$this->assertStringContainsString( Client::GRANT_DEVICE_CODE, $error->description() );
	}

	/**
	 * @param string[] $redirect_uris
	 */
	private function native( array $redirect_uris ): Client {
		$client                             = new Client();
		$client->type                       = Client::TYPE_PUBLIC;
		$client->token_endpoint_auth_method = Client::AUTH_NONE;
		$client->redirect_uris              = $redirect_uris;
		return $client;
	}

	private function open_refusal( Client $client ): OAuth_Error {
		return $this->refusal(
			static function () use ( $client ): void {
				Registration_Policy::check_open( $client );
			}
		);
	}

	private function refusal( callable $call ): OAuth_Error {
		try {
			$call();
		} catch ( OAuth_Error $error ) {
			return $error;
		}
		$this->fail( 'Expected a refusal.' );
	}
}
