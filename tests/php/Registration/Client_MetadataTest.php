<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Registration;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Registration\Client_Metadata;
use PHPUnit\Framework\TestCase;

final class Client_MetadataTest extends TestCase {
	public function test_rfc_7591_names_become_a_client_input(): void {
		$input = Client_Metadata::to_input(
			array(
				'client_name'                => 'App',
				'redirect_uris'              => array( 'http://127.0.0.1/cb' ),
				'grant_types'                => array( 'authorization_code', 'refresh_token' ),
				'response_types'             => array( 'code' ),
				'token_endpoint_auth_method' => 'none',
				'scope'                      => 'openid  profile',
				'logo_uri'                   => 'https://app.example/logo.png',
			),
			Client::AUTH_SECRET_BASIC,
			Client::REST_READ
		);
		$this->assertSame( 'App', $input['name'] );
		$this->assertSame( Client::TYPE_PUBLIC, $input['type'] );
		$this->assertSame( array( 'openid', 'profile' ), $input['scopes'] );
		$this->assertSame( Client::REST_READ, $input['rest_access'] );
		$this->assertFalse( $input['skip_consent'] );
		$this->assertArrayNotHasKey( 'logo_uri', $input );
	}

	public function test_what_only_an_administrator_sets_is_never_read(): void {
		$input = Client_Metadata::to_input(
			array(
				'redirect_uris' => array( 'http://127.0.0.1/cb' ),
				'skip_consent'  => true,
				'rest_access'   => 'write',
				'allowed_roles' => array(),
				'audiences'     => array( 'https://api.example' ),
			),
			Client::AUTH_NONE,
			Client::REST_NONE
		);
		$this->assertFalse( $input['skip_consent'] );
		$this->assertSame( Client::REST_NONE, $input['rest_access'] );
		$this->assertArrayNotHasKey( 'allowed_roles', $input );
		$this->assertArrayNotHasKey( 'audiences', $input );
	}

	public function test_defaults_follow_rfc_7591_and_the_policy(): void {
		$input = Client_Metadata::to_input( array( 'redirect_uris' => array( 'https://app.example/cb' ) ), Client::AUTH_SECRET_BASIC, Client::REST_NONE );
		$this->assertSame( array( Client::GRANT_AUTHORIZATION_CODE ), $input['grant_types'] );
		$this->assertSame( Client::AUTH_SECRET_BASIC, $input['token_endpoint_auth_method'] );
		$this->assertSame( Client::TYPE_CONFIDENTIAL, $input['type'] );
		$this->assertSame( Client_Metadata::DEFAULT_NAME, $input['name'] );
	}

	/**
	 * @dataProvider refused
	 * @param array<string,mixed> $metadata
	 */
	public function test_metadata_it_cannot_honour_is_invalid_client_metadata( array $metadata ): void {
		try {
			Client_Metadata::to_input( $metadata, Client::AUTH_NONE, Client::REST_NONE );
		} catch ( OAuth_Error $error ) {
			$this->assertSame( 'invalid_client_metadata', $error->error_code() );
			$this->assertSame( 400, $error->status() );
			return;
		}
		$this->fail( 'Expected invalid_client_metadata.' );
	}

	/**
	 * @return array<string,array{0: array<string,mixed>}>
	 */
	public function refused(): array {
		return array(
			'scope not a string'         => array( array( 'scope' => array( 'openid' ) ) ),
			'response_types not a list'  => array( array( 'response_types' => 'code' ) ),
			'implicit response type'     => array( array( 'response_types' => array( 'token' ) ) ),
			'code without its grant'     => array(
				array(
					'grant_types'    => array( 'refresh_token' ),
					'response_types' => array( 'code' ),
				),
			),
			'code grant without code'    => array(
				array(
					'grant_types'    => array( 'authorization_code' ),
					'response_types' => array(),
				),
			),
		);
	}

	public function test_the_answer_carries_the_metadata_and_no_credential(): void {
		$client                = new Client();
		$client->client_id     = 'abc';
		$client->name          = 'App';
		$client->redirect_uris = array( 'http://127.0.0.1/cb' );
		$client->scopes        = array( 'openid', 'wordpress:write' );
		$client->rest_access   = Client::REST_READ;
		$client->secret_hash   = str_repeat( 'a', 64 );
		$metadata              = Client_Metadata::from_client( $client );
		$this->assertSame( 'App', $metadata['client_name'] );
		$this->assertSame( array( 'code' ), $metadata['response_types'] );
		// wordpress:write is beyond the client's REST ceiling, so it is not announced as registered.
		$this->assertSame( 'openid', $metadata['scope'] );
		$this->assertStringNotContainsString( 'aaaa', (string) json_encode( $metadata ) );
	}
}
