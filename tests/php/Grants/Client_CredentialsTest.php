<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Grants;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Grants\Client_Credentials;
use Keystone_OIDC\Tests\Support\Grant_Test_Case;

/**
 * RFC 6749 §4.4: a confidential client gets a token for itself, with machine scopes only and the
 * audiences it names among its registered ones.
 */
final class Client_CredentialsTest extends Grant_Test_Case {
	/** @var string[]|null What the site's filter answers; null: it leaves the scopes as they are. */
	private $filtered = null;

	/** @var array<int,array{0: string[], 1: Client}> */
	private $filter_calls = array();

	protected function setUp(): void {
		parent::setUp();
		$this->client->scopes      = array( 'openid', 'profile', 'reports:read', 'inventory', 'offline_access' );
		$this->client->grant_types = array( Client::GRANT_CLIENT_CREDENTIALS );
	}

	/**
	 * @param array<string,string|string[]> $params
	 * @return array<string,mixed>
	 */
	private function execute( array $params = array() ): array {
		$grant = new Client_Credentials(
			$this->issuer,
			function ( array $allowed, Client $client ) {
				$this->filter_calls[] = array( $allowed, $client );
				return $this->filtered ?? $allowed;
			}
		);
		return $grant->execute( $this->client, self::params( array( 'grant_type' => 'client_credentials' ) + $params ) );
	}

	public function test_without_scope_the_token_carries_every_machine_scope_and_is_for_the_client(): void {
		$this->execute();
		$issued = $this->issuer->issued_to_clients[0];
		$this->assertSame( $this->client, $issued->client );
		$this->assertSame( array( 'reports:read', 'inventory' ), $issued->scopes );
		$this->assertSame( array(), $issued->resources );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{32}$/', $issued->grant_id );
		$this->assertSame( array(), $this->issuer->issued, 'nothing is issued for a user' );
	}

	public function test_each_token_is_a_family_of_its_own(): void {
		$this->execute();
		$this->execute();
		$this->assertNotSame( $this->issuer->issued_to_clients[0]->grant_id, $this->issuer->issued_to_clients[1]->grant_id );
	}

	public function test_a_requested_scope_narrows_the_token(): void {
		$this->execute( array( 'scope' => 'inventory' ) );
		$this->assertSame( array( 'inventory' ), $this->issuer->issued_to_clients[0]->scopes );
	}

	public function test_a_user_scope_is_invalid_scope_and_issues_nothing(): void {
		$this->assert_oauth_error(
			'invalid_scope',
			function (): void {
				$this->execute( array( 'scope' => 'inventory openid' ) );
			},
			'The scope openid needs a user: a client_credentials token has none'
		);
		$this->assertSame( array(), $this->issuer->issued_to_clients );
	}

	public function test_the_filter_receives_the_machine_scopes_and_the_client(): void {
		$this->execute();
		$this->assertSame( array( array( array( 'reports:read', 'inventory' ), $this->client ) ), $this->filter_calls );
	}

	public function test_the_filter_may_narrow_the_machine_scopes(): void {
		$this->filtered = array( 'inventory' );
		$this->execute();
		$this->assertSame( array( 'inventory' ), $this->issuer->issued_to_clients[0]->scopes );
		$this->assert_oauth_error(
			'invalid_scope',
			function (): void {
				$this->execute( array( 'scope' => 'reports:read' ) );
			}
		);
	}

	public function test_the_filter_cannot_widen_beyond_the_client_or_add_a_user_scope(): void {
		$this->filtered = array( 'inventory', 'billing', 'profile' );
		$this->execute();
		$this->assertSame( array( 'inventory' ), $this->issuer->issued_to_clients[0]->scopes );
		foreach ( array( 'billing', 'profile' ) as $scope ) {
			$this->assert_oauth_error(
				'invalid_scope',
				function () use ( $scope ): void {
					$this->execute( array( 'scope' => $scope ) );
				}
			);
		}
	}

	public function test_a_filter_answering_no_list_leaves_no_machine_scope(): void {
		$this->filtered = array();
		$this->execute();
		$this->assertSame( array(), $this->issuer->issued_to_clients[0]->scopes );
	}

	public function test_registered_resources_become_the_audiences(): void {
		$this->execute( array( 'resource' => array( 'https://api.example', 'https://other-api.example' ) ) );
		$this->assertSame( array( 'https://api.example', 'https://other-api.example' ), $this->issuer->issued_to_clients[0]->resources );
	}

	public function test_an_unregistered_resource_is_invalid_target(): void {
		$this->assert_oauth_error(
			'invalid_target',
			function (): void {
				$this->execute( array( 'resource' => 'https://elsewhere.example' ) );
			},
			'A requested resource is not registered for this client'
		);
	}

	public function test_a_malformed_resource_is_invalid_target(): void {
		$this->assert_oauth_error(
			'invalid_target',
			function (): void {
				$this->execute( array( 'resource' => 'https://api.example#fragment' ) );
			}
		);
	}

	public function test_a_public_client_is_unauthorized_client_whatever_its_grant_types_say(): void {
		$this->client->type = Client::TYPE_PUBLIC;
		$this->assert_oauth_error(
			'unauthorized_client',
			function (): void {
				$this->execute();
			},
			'client_credentials is only for confidential clients'
		);
		$this->assertSame( array(), $this->issuer->issued_to_clients );
	}
}
