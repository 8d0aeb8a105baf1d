<?php
declare(strict_types=1);

namespace Keystone_OIDC\Activity;

use Keystone_OIDC\Time\Clock;

/**
 * The activity log of one request. Entries are kept in memory and written together, with one
 * multi-row INSERT, when the request ends: a request that logs nothing costs no query, one that
 * logs something costs exactly one, however many events it had (a refresh-token reuse and the
 * failed grant it answers, a client deleted and its consents revoked).
 *
 * `details` never holds a secret, a token, a code or a hash of one: the listeners pass only
 * identifiers, scopes, grant types and reasons.
 */
final class Activity_Log {
	const SIGN_IN              = 'sign_in';
	const CONSENT_GIVEN        = 'consent_given';
	const CONSENT_REVOKED      = 'consent_revoked';
	const TOKEN_GRANTED        = 'token_granted';
	const TOKEN_REFRESHED      = 'token_refreshed';
	const CLIENT_AUTH_FAILED   = 'client_auth_failed';
	const REFRESH_TOKEN_REUSED = 'refresh_token_reused';
	const KEYS_ROTATED         = 'keys_rotated';
	const CLIENT_CREATED       = 'client_created';
	const CLIENT_UPDATED       = 'client_updated';
	const CLIENT_DELETED       = 'client_deleted';
	const CLIENT_SECRET_RESET  = 'client_secret_reset';

	const EVENTS = array(
		self::SIGN_IN,
		self::CONSENT_GIVEN,
		self::CONSENT_REVOKED,
		self::TOKEN_GRANTED,
		self::TOKEN_REFRESHED,
		self::CLIENT_AUTH_FAILED,
		self::REFRESH_TOKEN_REUSED,
		self::KEYS_ROTATED,
		self::CLIENT_CREATED,
		self::CLIENT_UPDATED,
		self::CLIENT_DELETED,
		self::CLIENT_SECRET_RESET,
	);

	/** The width of the `client_id` column: a client_id claimed by a failed request may be longer. */
	const CLIENT_ID_LENGTH = 64;

	/** @var Activity_Store */
	private $store;

	/** @var Clock */
	private $clock;

	/** @var callable(callable():void):void */
	private $at_request_end;

	/** @var array<int,array{created_at:int,event:string,client_id:string,user_id:int,details:array<string,mixed>}> */
	private $pending = array();

	/**
	 * @param callable(callable():void):void $at_request_end Arranges for the given callback to run
	 *                                                       once the response is complete (the
	 *                                                       `shutdown` action on a site).
	 */
	public function __construct( Activity_Store $store, Clock $clock, callable $at_request_end ) {
		$this->store          = $store;
		$this->clock          = $clock;
		$this->at_request_end = $at_request_end;
	}

	/**
	 * @param string              $event     One of `EVENTS`.
	 * @param string              $client_id The client concerned, '' for none.
	 * @param int                 $user_id   The user concerned (or who acted), 0 for none.
	 * @param array<string,mixed> $details   Identifiers and reasons only, never a secret.
	 */
	public function record( string $event, string $client_id, int $user_id, array $details = array() ): void {
		if ( array() === $this->pending ) {
			( $this->at_request_end )( array( $this, 'flush' ) );
		}
		$this->pending[] = array(
			'created_at' => $this->clock->now(),
			'event'      => $event,
			'client_id'  => self::column_safe( $client_id ),
			'user_id'    => max( 0, $user_id ),
			'details'    => $details,
		);
	}

	/**
	 * A client_id as a failed request claimed it may be anything: kept only when it is UTF-8 (one
	 * bad row must not fail the request's whole INSERT), cut to the column's width.
	 */
	private static function column_safe( string $client_id ): string {
		return 1 === preg_match( '//u', $client_id ) ? mb_substr( $client_id, 0, self::CLIENT_ID_LENGTH ) : '';
	}

	/**
	 * Writes what the request recorded. Called at the end of the request; a second call writes
	 * only what was recorded since.
	 */
	public function flush(): void {
		if ( array() === $this->pending ) {
			return;
		}
		$entries       = $this->pending;
		$this->pending = array();
		$this->store->insert_many( $entries );
	}
}
