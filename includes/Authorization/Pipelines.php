<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization;

use Keystone_OIDC\Consent\Remember_Consent;
use Keystone_OIDC\Endpoints\Consent_Decision;
use Keystone_OIDC\Http\Error_Boundary;
use Keystone_OIDC\Test_Sign_In\Test_Target;
use Keystone_OIDC\Time\Clock;
use Keystone_OIDC\Users\Allowed_Users;

/**
 * The order of the authorization steps, in one place (node-oidc-provider's
 * `lib/actions/authorization/index.js`). The composition root builds it with WordPress behind each
 * interface; PHPUnit with memory and a fixed clock. The order is the order in which errors are
 * reported: until `Registered_Redirect_Uri` has run they are HTML pages, after it they go back to
 * the client.
 */
final class Pipelines {
	/** @var Client_Directory */
	private $clients;

	/** @var User_Session */
	private $session;

	/** @var Consent_Ledger */
	private $consents;

	/** @var Consent_Prompt */
	private $consent_prompt;

	/** @var Pending_Consents */
	private $pending;

	/** @var Code_Issuance */
	private $codes;

	/** @var Hint_Verifier */
	private $hints;

	/** @var Allowed_Users */
	private $allowed_users;

	/** @var Clock */
	private $clock;

	/** @var string[] */
	private $supported_scopes;

	/** @var string */
	private $authorize_url;

	/** @var Error_Boundary */
	private $boundary;

	/** @var Test_Target|null */
	private $test_target;

	/**
	 * @param string[] $supported_scopes `Config::supported_scopes()`.
	 * @param string   $authorize_url    Where the login page and "Not you?" come back to.
	 * @param Test_Target|null $test_target Admits the built-in redirect target of Test sign-in; none: never.
	 */
	public function __construct( Client_Directory $clients, User_Session $session, Consent_Ledger $consents, Consent_Prompt $consent_prompt, Pending_Consents $pending, Code_Issuance $codes, Hint_Verifier $hints, Allowed_Users $allowed_users, Clock $clock, array $supported_scopes, string $authorize_url, Error_Boundary $boundary, ?Test_Target $test_target = null ) {
		$this->clients          = $clients;
		$this->session          = $session;
		$this->consents         = $consents;
		$this->consent_prompt   = $consent_prompt;
		$this->pending          = $pending;
		$this->codes            = $codes;
		$this->hints            = $hints;
		$this->allowed_users    = $allowed_users;
		$this->clock            = $clock;
		$this->supported_scopes = $supported_scopes;
		$this->authorize_url    = $authorize_url;
		$this->boundary         = $boundary;
		$this->test_target      = $test_target;
	}

	/**
	 * An authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2), GET or POST.
	 */
	public function authorization(): Pipeline {
		return new Pipeline(
			array(
				new Checks\Request_Size(),
				new Checks\Client_Id( $this->clients ),
				new Checks\Registered_Redirect_Uri( $this->test_target ),
				new Checks\Code_Grant_Allowed(),
				new Checks\Single_Parameters(),
				new Checks\Request_Object(),
				new Checks\Response_Type(),
				new Checks\Response_Mode(),
				new Checks\Requested_Scope( $this->supported_scopes ),
				new Checks\Requested_Resources(),
				new Checks\Pkce_Challenge(),
				new Checks\Nonce(),
				new Checks\Prompt(),
				new Checks\Max_Age(),
				new Checks\Id_Token_Hint( $this->hints ),
				new Checks\Signed_In( $this->session, $this->clock, $this->authorize_url ),
				new Checks\Allowed_Roles( $this->allowed_users ),
				new Checks\Consent_Given( $this->consents, $this->consent_prompt, $this->authorize_url ),
				new Issue_Code( $this->codes ),
			),
			$this->boundary
		);
	}

	/**
	 * The consent form's decision, resuming the request `Consent_Given` left waiting.
	 */
	public function consent_resume(): Pipeline {
		return new Pipeline(
			array(
				new Consent_Decision( $this->session, $this->pending, $this->clients, $this->test_target ),
				new Checks\Code_Grant_Allowed(),
				new Checks\Allowed_Roles( $this->allowed_users ),
				new Remember_Consent( $this->consents ),
				new Issue_Code( $this->codes ),
			),
			$this->boundary
		);
	}
}
