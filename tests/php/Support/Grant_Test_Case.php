<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Support;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Models\Access_Token_Record;
use Keystone_OIDC\Models\Refresh_Token;
use Keystone_OIDC\Models\Stored_Token;
use Keystone_OIDC\Users\Allowed_Users;
use PHPUnit\Framework\TestCase;

/**
 * What every grant test starts from: a fixed clock, empty in-memory stores, one user, one
 * confidential client and a recording issuer, wired as the container wires the real ones.
 */
abstract class Grant_Test_Case extends TestCase {
	const NOW       = 1700000000;
	const USER_ID   = 7;
	const CLIENT_ID = 'app';
	const REDIRECT  = 'https://app.example/callback';
	const GRANT_ID  = 'family-1';

	/** @var Fixed_Clock */
	protected $clock;

	/** @var In_Memory_Code_Store */
	protected $codes;

	/** @var In_Memory_Token_Store */
	protected $tokens;

	/** @var In_Memory_Users */
	protected $users;

	/** @var Allowed_Users */
	protected $allowed_users;

	/** @var Recording_Issuer */
	protected $issuer;

	/** @var Client */
	protected $client;

	protected function setUp(): void {
		$this->clock         = new Fixed_Clock( self::NOW );
		$this->codes         = new In_Memory_Code_Store();
		$this->tokens        = new In_Memory_Token_Store( $this->clock );
		$this->users         = new In_Memory_Users();
		$this->allowed_users = new Allowed_Users( $this->users );
		$this->issuer        = new Recording_Issuer();
		$this->client        = self::client( self::CLIENT_ID );
		$this->users->add( self::USER_ID );
	}

	protected static function client( string $client_id ): Client {
		$client                = new Client();
		$client->client_id     = $client_id;
		$client->redirect_uris = array( self::REDIRECT );
		$client->scopes        = array( 'openid', 'profile', 'email', 'offline_access' );
		$client->audiences     = array( 'https://api.example', 'https://other-api.example' );
		return $client;
	}

	/**
	 * @param array<string,string|string[]> $values Name => value, or every value of a repeated name.
	 */
	protected static function params( array $values ): Parameters {
		$pairs = array();
		foreach ( $values as $name => $value ) {
			foreach ( (array) $value as $one ) {
				$pairs[] = rawurlencode( $name ) . '=' . rawurlencode( $one );
			}
		}
		return Parameters::parse( implode( '&', $pairs ) );
	}

	/**
	 * A token of the grant's family already issued (what a replay must revoke).
	 *
	 * @param array<string,mixed> $row
	 */
	protected function stored_token( string $value, string $type, array $row = array() ): Stored_Token {
		$row  += array(
			'token_hash' => Secret_Hash::hash( $value ),
			'grant_id'   => self::GRANT_ID,
			'client_id'  => self::CLIENT_ID,
			'user_id'    => self::USER_ID,
			'scope'      => 'openid profile',
			'expires_at' => self::NOW + 3600,
			'created_at' => self::NOW - 60,
		);
		$token = Stored_Token::TYPE_REFRESH === $type ? Refresh_Token::from_row( $row ) : Access_Token_Record::from_row( $row );
		$this->tokens->insert( $token );
		return $token;
	}

	/**
	 * @return Stored_Token[] The family's tokens not revoked.
	 */
	protected function live_family(): array {
		return array_values(
			array_filter(
				$this->tokens->family( self::GRANT_ID ),
				static function ( Stored_Token $token ): bool {
					return ! $token->is_revoked();
				}
			)
		);
	}

	/**
	 * Runs one grant on a fresh fixture as on one server, then as on a cluster whose nodes race, and
	 * asserts how often it read its code or refresh token after issuing in each case.
	 *
	 * @param callable(Fixed_Replication):int $grant Makes and runs the grant, returns the reads to count.
	 */
	protected function assert_reads_after_issuing( int $one_server, int $cluster, callable $grant ): void {
		$reads = array();
		foreach ( array( 'one server' => false, 'cluster' => true ) as $name => $races ) {
			$this->setUp();
			$reads[ $name ] = $grant( new Fixed_Replication( $races ) );
		}
		$this->assertSame(
			array(
				'one server' => $one_server,
				'cluster'    => $cluster,
			),
			$reads
		);
	}

	/**
	 * Runs `$act` and asserts it fails with exactly this OAuth error code (and description, when given).
	 */
	protected function assert_oauth_error( string $error_code, callable $act, ?string $description = null ): void {
		try {
			$act();
		} catch ( OAuth_Error $error ) {
			$this->assertSame( $error_code, $error->error_code() );
			if ( null !== $description ) {
				$this->assertSame( $description, $error->description() );
			}
			return;
		}
		$this->fail( 'Expected the OAuth error ' . $error_code );
	}
}
