<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Authorization;

use Keystone_OIDC\Authorization\Pipelines;
use Keystone_OIDC\Authorization\Signed_In_User;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\Error_Boundary;
use Keystone_OIDC\Http\Parameters;
use Keystone_OIDC\Http\Redirect_Url;
use Keystone_OIDC\Test_Sign_In\Test_Target;
use Keystone_OIDC\Tests\Authorization\Fakes\Counting_Codes;
use Keystone_OIDC\Tests\Authorization\Fakes\Fake_Consent_Prompt;
use Keystone_OIDC\Tests\Authorization\Fakes\Fake_Hints;
use Keystone_OIDC\Tests\Authorization\Fakes\Fake_Session;
use Keystone_OIDC\Tests\Authorization\Fakes\In_Memory_Clients;
use Keystone_OIDC\Tests\Authorization\Fakes\In_Memory_Consents;
use Keystone_OIDC\Tests\Authorization\Fakes\In_Memory_Pending;
use Keystone_OIDC\Tests\Support\Fixed_Clock;
use Keystone_OIDC\Tests\Support\In_Memory_Users;
use Keystone_OIDC\Users\Allowed_Users;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/fakes.php';

/**
 * The authorization pipelines as the composition root builds them, with every collaborator in
 * memory and the clock fixed, plus the assertions of the error boundary's decision table.
 */
abstract class Pipeline_Case extends TestCase {
	const NOW           = 1800000000;
	const AUTHORIZE_URL = 'https://op.example/wenisch-tech/keystone-oidc/oauth/authorize';
	const REDIRECT_URI  = 'https://rp.example/callback';
	const CHALLENGE     = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
	const USER_ID       = 7;

	/** @var In_Memory_Clients */
	protected $clients;

	/** @var Fake_Session */
	protected $session;

	/** @var In_Memory_Consents */
	protected $consents;

	/** @var In_Memory_Pending */
	protected $pending;

	/** @var Fake_Consent_Prompt */
	protected $prompt;

	/** @var Counting_Codes */
	protected $codes;

	/** @var Pipelines */
	protected $pipelines;

	protected function setUp(): void {
		$this->clients  = new In_Memory_Clients();
		$this->session  = new Fake_Session();
		$this->consents = new In_Memory_Consents();
		$this->pending  = new In_Memory_Pending();
		$this->prompt   = new Fake_Consent_Prompt( $this->pending );
		$this->codes    = new Counting_Codes();

		$this->pipelines = $this->pipelines_with( null );

		$this->clients->add( $this->client( 'rp', Client::TYPE_CONFIDENTIAL ) );
		$this->clients->add( $this->client( 'spa', Client::TYPE_PUBLIC ) );
	}

	/**
	 * The pipelines over this case's collaborators, admitting Test sign-in's target through
	 * `$test_target` (none: never).
	 */
	protected function pipelines_with( ?Test_Target $test_target ): Pipelines {
		return new Pipelines(
			$this->clients,
			$this->session,
			$this->consents,
			$this->prompt,
			$this->pending,
			$this->codes,
			new Fake_Hints(),
			new Allowed_Users( new In_Memory_Users() ),
			new Fixed_Clock( self::NOW ),
			array( 'openid', 'profile', 'email', 'offline_access', 'roles' ),
			self::AUTHORIZE_URL,
			new Error_Boundary(),
			$test_target
		);
	}

	protected function client( string $client_id, string $type ): Client {
		$client                = new Client();
		$client->client_id     = $client_id;
		$client->name          = 'Relying Party ' . $client_id;
		$client->type          = $type;
		$client->redirect_uris = array( self::REDIRECT_URI );
		$client->scopes        = array( 'openid', 'profile', 'email', 'offline_access' );
		$client->audiences     = array( 'https://api.example/' );
		return $client;
	}

	/**
	 * @param string[] $roles
	 */
	protected function sign_in( array $roles = array( 'subscriber' ), int $auth_time = self::NOW - 60, int $user_id = self::USER_ID ): void {
		$this->session->user = new Signed_In_User( new \WP_User( $user_id, 'ada', $roles ), $auth_time, 'Ada Lovelace' );
	}

	/**
	 * A valid request of the confidential client, changed by `$changes` (null removes a parameter).
	 *
	 * @param array<string,string|null> $changes
	 * @return array<string,string|null>
	 */
	protected function valid( array $changes = array() ): array {
		return array_merge(
			array(
				'client_id'             => 'rp',
				'redirect_uri'          => self::REDIRECT_URI,
				'response_type'         => 'code',
				'scope'                 => 'openid email',
				'state'                 => 'st-1',
				'nonce'                 => 'n-1',
				'code_challenge'        => self::CHALLENGE,
				'code_challenge_method' => 'S256',
			),
			$changes
		);
	}

	/**
	 * @param array<string,string|null> $params
	 * @param string                    $extra  Raw pairs appended as they are (repeated parameters).
	 */
	protected function authorize( array $params, string $extra = '', string $method = 'GET' ): Answer {
		$raw = Redirect_Url::encode( $params ) . ( '' === $extra ? '' : '&' . $extra );
		return $this->pipelines->authorization()->run( Parameters::parse( $raw ), $method );
	}

	/**
	 * @param array<string,string|null> $form
	 */
	protected function decide( array $form ): Answer {
		return $this->pipelines->consent_resume()->run( Parameters::parse( Redirect_Url::encode( $form ) ), 'POST' );
	}

	protected function assert_error_page( Answer $answer, string $error ): void {
		$this->assertSame( Answer::ERROR_PAGE, $answer->kind(), 'an HTML error page, never a redirect' );
		$this->assertNotNull( $answer->error() );
		$this->assertSame( $error, $answer->error()->error_code() );
	}

	protected function assert_error_to_client( Answer $answer, string $error, ?string $state = 'st-1', bool $form_post = false ): void {
		$this->assertSame( Answer::TO_CLIENT, $answer->kind(), 'sent back to the client' );
		$this->assertSame( self::REDIRECT_URI, $answer->url() );
		$this->assertSame( $form_post, $answer->is_form_post() );
		$this->assertSame( $error, $answer->params()['error'] ?? null );
		$this->assertSame( $state, $answer->params()['state'] ?? null );
		$this->assertArrayNotHasKey( 'code', $answer->params() );
	}

	protected function assert_code_to_client( Answer $answer, string $code = 'code-1', ?string $state = 'st-1' ): void {
		$this->assertSame( Answer::TO_CLIENT, $answer->kind() );
		$this->assertSame( self::REDIRECT_URI, $answer->url() );
		$this->assertSame(
			array(
				'code'  => $code,
				'state' => $state,
			),
			$answer->params()
		);
	}
}
