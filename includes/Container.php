<?php
declare(strict_types=1);

namespace Keystone_OIDC;

use Keystone_OIDC\Cron\Cleanup;
use Keystone_OIDC\Endpoints\Client_Authentication;
use Keystone_OIDC\Endpoints\Endpoint;
use Keystone_OIDC\Endpoints\Introspection;
use Keystone_OIDC\Endpoints\Revocation;
use Keystone_OIDC\Endpoints\Token;
use Keystone_OIDC\Grants\Authorization_Code;
use Keystone_OIDC\Grants\Grant_Type;
use Keystone_OIDC\Grants\Refresh_Token;
use Keystone_OIDC\Storage\Code_Repository;
use Keystone_OIDC\Storage\Code_Store;
use Keystone_OIDC\Storage\Token_Repository;
use Keystone_OIDC\Storage\Token_Store;
use Keystone_OIDC\Storage\Transaction;
use Keystone_OIDC\Time\Clock;
use Keystone_OIDC\Time\Site_Clock;
use Keystone_OIDC\Tokens\Grant_Issuer;
use Keystone_OIDC\Tokens\Token_Issuer;
use Keystone_OIDC\Tokens\Token_Lookup;
use Keystone_OIDC\Users\Allowed_Users;
use Keystone_OIDC\Users\WordPress_Users;

/**
 * The composition root: every endpoint, grant, repository, the key store, the clock and the source
 * of randomness are built here, once per request and only when first asked for, and handed to
 * whoever needs them through constructors. Nothing else calls `new` on a collaborator or reaches
 * for a singleton. PHPUnit builds the same objects with in-memory repositories and a fixed clock
 * instead of calling this class.
 */
final class Container {
	/** @var self|null */
	private static $site;

	/** @var array<string,object> */
	private $shared = array();

	/**
	 * The container of this WordPress request.
	 */
	public static function site(): self {
		if ( null === self::$site ) {
			self::$site = new self();
		}
		return self::$site;
	}

	/**
	 * Forgets every object built so far (a test run in one PHP process, or a site switch).
	 */
	public static function reset(): void {
		self::$site = null;
	}

	/**
	 * @template T of object
	 * @param string        $id   One name per object.
	 * @param callable():T $make Builds it.
	 * @return T
	 */
	private function share( string $id, callable $make ) {
		if ( ! isset( $this->shared[ $id ] ) ) {
			$this->shared[ $id ] = $make();
		}
		return $this->shared[ $id ];
	}

	// ---- Time, randomness, storage, grants, token endpoint (core) ----

	public function clock(): Clock {
		return $this->share(
			'clock',
			static function (): Clock {
				return new Site_Clock();
			}
		);
	}

	public function code_store(): Code_Store {
		return $this->share(
			'code_store',
			static function (): Code_Store {
				return new Code_Repository();
			}
		);
	}

	public function token_store(): Token_Store {
		return $this->share(
			'token_store',
			function (): Token_Store {
				return new Token_Repository( $this->clock() );
			}
		);
	}

	/**
	 * Who may sign in to a client: the one allowed-roles rule for sign-in, consent and every later
	 * use of a grant.
	 */
	public function allowed_users(): Allowed_Users {
		return $this->share(
			'allowed_users',
			static function (): Allowed_Users {
				return new Allowed_Users( new WordPress_Users(), new Multisite\Network_Site_Access() );
			}
		);
	}

	public function token_issuer(): Grant_Issuer {
		return $this->share(
			'token_issuer',
			function (): Grant_Issuer {
				return new Token_Issuer( $this->token_store(), $this->clock(), $this->key_store() );
			}
		);
	}

	public function client_authentication(): Client_Authentication {
		return $this->share(
			'client_authentication',
			function (): Client_Authentication {
				return new Client_Authentication( $this->client_assertion() );
			}
		);
	}

	public function token_lookup(): Token_Lookup {
		return $this->share(
			'token_lookup',
			function (): Token_Lookup {
				return new Token_Lookup( $this->token_store() );
			}
		);
	}

	/**
	 * The token endpoint's grants by `grant_type`.
	 *
	 * @return array<string,Grant_Type>
	 */
	public function grant_types(): array {
		return array(
			'authorization_code' => new Authorization_Code( $this->code_store(), $this->token_store(), $this->allowed_users(), $this->token_issuer(), $this->clock(), $this->causal_reads() ),
			'refresh_token'      => new Refresh_Token( $this->token_store(), $this->allowed_users(), $this->token_issuer(), $this->clock(), $this->causal_reads() ),
			'client_credentials' => $this->client_credentials(),
			Clients\Client::GRANT_DEVICE_CODE => new Grants\Device_Code( $this->device_code_store(), $this->allowed_users(), $this->token_issuer(), $this->clock() ),
		);
	}

	public function cleanup(): Cleanup {
		return new Cleanup( $this->code_store(), $this->token_store(), $this->clock(), $this->key_store(), $this->device_code_store(), $this->idle_dynamic_clients(), $this->assertion_jtis(), $this->expired_activity() );
	}

	/**
	 * The endpoint `Endpoints\Router` maps a request to, built with its collaborators; endpoints
	 * that take none are built as they are.
	 *
	 * @param class-string<Endpoint> $class
	 */
	public function endpoint( string $class ): Endpoint {
		switch ( $class ) {
			case Token::class:
				return new Token( $this->client_authentication(), Registration\Recorded_Use::around( $this->grant_types(), $this->registrations(), $this->clock() ), new Transaction( $this->causal_reads() ) );
			case Introspection::class:
				return new Introspection( $this->client_authentication(), $this->token_lookup(), $this->allowed_users(), $this->clock() );
			case Revocation::class:
				return new Revocation( $this->client_authentication(), $this->token_lookup(), $this->token_store() );
			case Endpoints\Registration::class:
				return $this->registration_endpoint();
			case Endpoints\Device_Authorization::class:
			case Endpoints\Device_Verification::class:
				return $this->device_endpoint( $class );
			case Endpoints\Authorize::class:
			case Endpoints\End_Session::class:
				return $this->authorization_endpoint( $class );
			default:
				return new $class();
		}
	}

	// ---- Authorization pipeline, consent, error boundary ----

	/**
	 * Decides how every protocol failure is answered (page, redirect, form post, JSON).
	 */
	public function error_boundary(): Http\Error_Boundary {
		return $this->share(
			'error_boundary',
			static function (): Http\Error_Boundary {
				return new Http\Error_Boundary();
			}
		);
	}

	/**
	 * The front-channel endpoints, built with their pipelines and the error boundary.
	 *
	 * @param class-string<Endpoints\Endpoint> $class `Endpoints\Authorize` or `Endpoints\End_Session`.
	 */
	private function authorization_endpoint( string $class ): Endpoints\Endpoint {
		if ( Endpoints\Authorize::class === $class ) {
			$pipelines = $this->authorization_pipelines();
			return new Endpoints\Authorize( $pipelines->authorization(), $pipelines->consent_resume() );
		}
		return new Endpoints\End_Session( $this->error_boundary() );
	}

	/**
	 * The authorization steps with WordPress behind each of their interfaces.
	 */
	public function authorization_pipelines(): Authorization\Pipelines {
		return $this->share(
			'authorization_pipelines',
			function (): Authorization\Pipelines {
				$authorize_url = Endpoints\Router::url( 'authorize' );
				$pending       = new Consent\Pending_Request();
				return new Authorization\Pipelines(
					new Authorization\Registered_Clients(),
					new Authorization\WordPress_Session(),
					new Consent\Remembered_Consents(),
					new Consent\Consent_Page( $pending, $authorize_url ),
					$pending,
					new Authorization\Stored_Codes(),
					new Authorization\Signed_Hint_Verifier(),
					$this->allowed_users(),
					$this->clock(),
					Config::supported_scopes(),
					$authorize_url,
					$this->error_boundary(),
					$this->test_sign_in_target()
				);
			}
		);
	}

	// ---- Keys and JWT ----

	/**
	 * The signing keys; also the key set our own tokens are verified against.
	 */
	public function key_store(): Keys\Key_Store {
		return $this->share(
			'key_store',
			static function (): Keys\Key_Store {
				return new Keys\Key_Store();
			}
		);
	}

	public function jwt_verifier(): Jwt\Jwt_Verifier {
		return $this->share(
			'jwt_verifier',
			function (): Jwt\Jwt_Verifier {
				$clock = $this->clock();
				return new Jwt\Jwt_Verifier(
					static function () use ( $clock ): int {
						return $clock->now();
					}
				);
			}
		);
	}

	// ---- Resource server: bearer tokens on the WordPress REST API, RFC 9728 (issue 12) ----

	/**
	 * Built only for a REST request that carries a Bearer header (or for a 401's challenge).
	 */
	public function bearer_authentication(): Resource\Bearer_Authentication {
		return $this->share(
			'bearer_authentication',
			function (): Resource\Bearer_Authentication {
				return new Resource\Bearer_Authentication( $this->token_lookup(), Config::rest_resource(), Endpoints\Router::url( 'protected-resource-rest' ) );
			}
		);
	}

	// ---- Dynamic client registration, RFC 7591/7592 (issue 12) ----

	public function registrations(): Storage\Registration_Repository {
		return $this->share(
			'registrations',
			static function (): Storage\Registration_Repository {
				return new Storage\Registration_Repository();
			}
		);
	}

	public function initial_access_tokens(): Registration\Initial_Access_Tokens {
		return $this->share(
			'initial_access_tokens',
			function (): Registration\Initial_Access_Tokens {
				return new Registration\Initial_Access_Tokens( $this->clock() );
			}
		);
	}

	/**
	 * Open registration admits at most this many clients at once (filter
	 * `keystone_oidc_open_registration_limit`); the idle expiry makes room again.
	 */
	const OPEN_REGISTRATION_LIMIT = 200;

	private function registration_endpoint(): Endpoints\Registration {
		$limit = (int) apply_filters( 'keystone_oidc_open_registration_limit', self::OPEN_REGISTRATION_LIMIT );
		return new Endpoints\Registration(
			new Registration\Registration_Policy( Registration\Registration_Settings::mode(), max( 0, $limit ) ),
			$this->initial_access_tokens(),
			$this->registrations(),
			$this->clock(),
			Registration\Registration_Settings::rest_access()
		);
	}

	public function idle_dynamic_clients(): Registration\Idle_Clients {
		return new Registration\Idle_Clients( $this->registrations(), $this->clock(), Registration\Registration_Settings::idle_days() );
	}

	// ---- client_credentials (issue 13) ----

	/**
	 * RFC 6749 §4.4, with the site's say on which scopes a token without a user may carry.
	 */
	public function client_credentials(): Grants\Client_Credentials {
		return new Grants\Client_Credentials(
			$this->token_issuer(),
			/**
			 * Filter `keystone_oidc_machine_scopes`: the scopes a client's client_credentials tokens
			 * may carry. It receives the client's scopes without the user-bound ones
			 * (`Checks\Machine_Scope`) and may narrow them; anything it adds beyond them is ignored.
			 *
			 * @param string[] $allowed
			 * @return mixed
			 */
			static function ( array $allowed, Clients\Client $client ) {
				return apply_filters( 'keystone_oidc_machine_scopes', $allowed, $client );
			}
		);
	}

	// ---- Device authorization grant, RFC 8628 (issue 13) ----

	public function device_code_store(): Storage\Device_Code_Store {
		return $this->share(
			'device_code_store',
			static function (): Storage\Device_Code_Store {
				return new Storage\Device_Code_Repository();
			}
		);
	}

	/**
	 * The device authorization endpoint or the verification page, with their collaborators.
	 *
	 * @param class-string<Endpoints\Endpoint> $class `Endpoints\Device_Authorization` or `Endpoints\Device_Verification`.
	 */
	private function device_endpoint( string $class ): Endpoints\Endpoint {
		$page_url = Endpoints\Router::url( 'device-verification' );
		if ( Endpoints\Device_Authorization::class === $class ) {
			return new Endpoints\Device_Authorization( $this->client_authentication(), $this->device_code_store(), $this->clock(), Config::supported_scopes(), $page_url );
		}
		return new Endpoints\Device_Verification(
			new Authorization\WordPress_Session(),
			new Authorization\Registered_Clients(),
			$this->device_code_store(),
			new Device\Guess_Limit( $this->clock() ),
			$this->allowed_users(),
			new Consent\Remembered_Consents(),
			$this->clock(),
			new Device\Verification_Page( $page_url )
		);
	}

	// ---- Client assertions: private_key_jwt, client_secret_jwt, RFC 7523 (issue 13) ----

	public function client_assertion(): Endpoints\Client_Assertion {
		return $this->share(
			'client_assertion',
			function (): Endpoints\Client_Assertion {
				return new Endpoints\Client_Assertion( $this->jwt_verifier(), $this->client_keys(), $this->assertion_jtis(), $this->clock() );
			}
		);
	}

	/**
	 * A client's `private_key_jwt` keys: pasted, or fetched from its `jwks_uri` and cached.
	 */
	public function client_keys(): Clients\Registered_Client_Keys {
		return $this->share(
			'client_keys',
			function (): Clients\Registered_Client_Keys {
				return new Clients\Registered_Client_Keys( $this->clock() );
			}
		);
	}

	public function assertion_jtis(): Storage\Assertion_Jti_Store {
		return $this->share(
			'assertion_jtis',
			static function (): Storage\Assertion_Jti_Store {
				return new Storage\Assertion_Jti_Repository();
			}
		);
	}

	// ---- WP-CLI, `wp oidc` (issue 14) ----

	/**
	 * The `wp oidc` commands by name, each asking this container for what it needs only when run.
	 *
	 * @return array<string,object>
	 */
	public function cli_commands(): array {
		$keys = new Cli\Keys_Command( $this );
		return array(
			'oidc client'  => new Cli\Client_Command(),
			'oidc keys'    => $keys,
			'oidc tokens'  => new Cli\Tokens_Command( $this ),
			'oidc cleanup' => new Cli\Cleanup_Command( $this ),
			'oidc config'  => new Cli\Config_Command(),
			'oidc status'  => new Cli\Status_Command( $this, $keys ),
		);
	}

	// ---- `/settings` (issue 14): one line per group, in the order the screen shows them ----

	/**
	 * The groups of `/settings` fields, each validating and saving its own.
	 *
	 * @return Settings\Setting_Group[]
	 */
	public function setting_groups(): array {
		return array(
			new Settings\Issuer_Settings(),
			Registration\Registration_Settings::group(),
			new Settings\Lifetime_Settings(),
			new Settings\Default_Roles_Settings(),
			new Settings\Email_Trust_Settings(),
			new Settings\Consent_Settings(),
			new Settings\Key_Rotation_Settings(),
			new Activity\Activity_Settings(),
		);
	}

	// ---- Settings, Site Health, consent page site identity (issue 14: settings) ----

	/**
	 * Tools → Site Health's tests (issue 14: health), built only when WordPress asks for them.
	 * Filter `keystone_oidc_site_health_tests` adds more (`Health\Health_Test` instances).
	 */
	public function site_health(): Health\Site_Health {
		return $this->share(
			'site_health',
			function (): Health\Site_Health {
				$tests = array(
					new Health\Endpoints_Test( new Health\Endpoint_Probe() ),
					new Health\Https_Test(),
					new Health\Salts_Test(),
					new Health\Openssl_Test(),
					new Health\Key_Age_Test( $this->key_store(), $this->clock() ),
					new Health\Cron_Test(),
					new Health\Backchannel_Test( array( Storage\Client_Repository::class, 'all' ) ),
					new Health\Dropin_Test(),
					new Health\Object_Cache_Test(),
					new Health\Code_Clients_Test(),
				);
				return new Health\Site_Health( (array) apply_filters( Health\Site_Health::FILTER, $tests ) );
			}
		);
	}

	public function debug_information(): Health\Debug_Information {
		return new Health\Debug_Information( $this->key_store(), $this->clock() );
	}

	/**
	 * Automatic signing key rotation (`Settings.key_rotation_days`), built only when the hourly
	 * job runs.
	 */
	public function scheduled_key_rotation(): Keys\Scheduled_Rotation {
		return new Keys\Scheduled_Rotation( $this->key_store(), $this->clock(), Settings\Key_Rotation_Settings::days() );
	}

	// ---- Activity log (issue 14: activity) ----

	/**
	 * This request's activity log: entries wait in memory and are written with one INSERT when
	 * the request ends.
	 */
	public function activity_log(): Activity\Activity_Log {
		return $this->share(
			'activity_log',
			function (): Activity\Activity_Log {
				return new Activity\Activity_Log(
					$this->activity_repository(),
					$this->clock(),
					static function ( callable $flush ): void {
						add_action( 'shutdown', $flush, 0 );
					}
				);
			}
		);
	}

	public function activity_repository(): Activity\Activity_Repository {
		return $this->share(
			'activity_repository',
			static function (): Activity\Activity_Repository {
				return new Activity\Activity_Repository();
			}
		);
	}

	public function expired_activity(): Activity\Expired_Activity {
		return new Activity\Expired_Activity( $this->activity_repository(), $this->clock(), Activity\Activity_Settings::retention_days() );
	}

	// ---- Clients as code, translations (issue 14: code) ----

	/**
	 * The clients declared in `KEYSTONE_OIDC_CLIENTS` (an array, or its JSON) and by the
	 * `keystone_oidc_clients` filter, read when a client is first looked up.
	 */
	public function code_clients(): Clients\Code_Clients {
		return $this->share(
			'code_clients',
			static function (): Clients\Code_Clients {
				return new Clients\Code_Clients(
					static function () {
						$declared = defined( Clients\Code_Clients::CONSTANT ) ? constant( Clients\Code_Clients::CONSTANT ) : null;
						if ( is_string( $declared ) ) {
							$decoded = json_decode( $declared, true );
							// Unreadable JSON goes on as it is, so `Code_Clients` reports it.
							$declared = is_array( $decoded ) ? $decoded : $declared;
						}
						if ( is_string( $declared ) || ! has_filter( Clients\Code_Clients::FILTER ) ) {
							return $declared;
						}
						/**
						 * Filter `keystone_oidc_clients`: client definitions declared in code. It
						 * receives those of `KEYSTONE_OIDC_CLIENTS` (an empty list without it) and
						 * returns the list to use.
						 *
						 * @param array<mixed> $definitions
						 */
						return apply_filters( Clients\Code_Clients::FILTER, is_array( $declared ) ? $declared : array() );
					},
					static function ( string $name ) {
						return getenv( $name );
					}
				);
			}
		);
	}

	// ---- Test sign-in (issue 14: testsignin) ----

	public function test_sign_in_sessions(): Test_Sign_In\Test_Sessions {
		return $this->share(
			'test_sign_in_sessions',
			static function (): Test_Sign_In\Test_Sessions {
				return new Test_Sign_In\Transient_Test_Sessions();
			}
		);
	}

	public function test_sign_in_verifier(): Test_Sign_In\Test_Verifier {
		return new Test_Sign_In\Test_Verifier( wp_salt( 'auth' ) );
	}

	/**
	 * The clients a test may run for: the ones the authorization endpoint knows.
	 */
	public function test_sign_in_clients(): Authorization\Client_Directory {
		return new Authorization\Registered_Clients();
	}

	/**
	 * The one rule admitting the built-in redirect target (the authorization pipelines ask it).
	 */
	public function test_sign_in_target(): Test_Sign_In\Test_Target {
		return new Test_Sign_In\Test_Target( Admin\Test_Sign_In_Page::url(), $this->test_sign_in_sessions(), new Authorization\WordPress_Session(), $this->clock() );
	}

	public function test_sign_in_start(): Test_Sign_In\Test_Start {
		return new Test_Sign_In\Test_Start( $this->test_sign_in_sessions(), $this->test_sign_in_verifier(), $this->clock(), Endpoints\Router::url( 'authorize' ), Admin\Test_Sign_In_Page::url() );
	}

	public function test_sign_in_callback(): Test_Sign_In\Test_Callback {
		return new Test_Sign_In\Test_Callback(
			$this->test_sign_in_sessions(),
			$this->test_sign_in_verifier(),
			$this->test_sign_in_clients(),
			$this->code_store(),
			$this->token_store(),
			$this->grant_types()['authorization_code'],
			array( Endpoints\Userinfo::class, 'claims' ),
			new Transaction(),
			$this->clock(),
			Admin\Test_Sign_In_Page::url()
		);
	}

	// ---- Multisite (issue 15) ----

	/**
	 * What only a network administrator may change on a multisite network.
	 */
	public function network_privileges(): Multisite\Network_Privileges {
		return $this->share(
			'network_privileges',
			static function (): Multisite\Network_Privileges {
				return new Multisite\Network_Privileges();
			}
		);
	}

	// ---- Scale-out (issue 17) ----

	public function causal_reads(): Storage\Causal_Reads {
		return $this->share(
			'causal_reads',
			static function (): Storage\Causal_Reads {
				return new Storage\Causal_Reads();
			}
		);
	}

	// ---- Performance (issue 19) ----
}
