<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Clients\Client_Key_Source;
use Keystone_OIDC\Clients\Keys_Unavailable;
use Keystone_OIDC\Crypto\Jws;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Jwt\Jwks_Key_Set;
use Keystone_OIDC\Jwt\Jwt_Error;
use Keystone_OIDC\Jwt\Jwt_Verifier;
use Keystone_OIDC\Jwt\Verify_Options;
use Keystone_OIDC\Storage\Assertion_Jti_Store;
use Keystone_OIDC\Time\Clock;

/**
 * `private_key_jwt` (RFC 7523 §2.2 and §3, OIDC Core §9): the client proves itself with a JWT it
 * signed with one of its registered keys. Every rule broken is `invalid_client` with a description
 * naming it:
 * - signed with RS256, ES256 or PS256 by a key of the client's `jwks` / `jwks_uri` (never `none` or
 *   HMAC: a shared secret would have to be stored readable);
 * - `iss` and `sub` are the client_id; `aud` names one of the audiences the caller accepts (the
 *   issuer, the token endpoint, the endpoint called);
 * - `exp` is required and not past; `nbf` and `iat`, when present, not ahead (`CLOCK_TOLERANCE`
 *   either way);
 * - an assertion is good for `MAX_AGE` after it was made: counted from `iat` when present (a
 *   client may set a distant `exp`), else its `exp` may lie at most `MAX_AGE` ahead;
 * - `jti` is required and accepted once while the assertion could be accepted at all.
 */
final class Client_Assertion {
	const TYPE            = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
	const ALGORITHMS      = array( 'RS256', 'ES256', 'PS256' );
	const MAX_AGE         = 300;
	const CLOCK_TOLERANCE = 60;

	/** @var Jwt_Verifier */
	private $verifier;

	/** @var Client_Key_Source */
	private $keys;

	/** @var Assertion_Jti_Store */
	private $jtis;

	/** @var Clock */
	private $clock;

	public function __construct( Jwt_Verifier $verifier, Client_Key_Source $keys, Assertion_Jti_Store $jtis, Clock $clock ) {
		$this->verifier = $verifier;
		$this->keys     = $keys;
		$this->jtis     = $jtis;
		$this->clock    = $clock;
	}

	/**
	 * The client an assertion claims to come from, unverified: only to find whose keys to try.
	 */
	public static function claimed_client_id( string $assertion ): ?string {
		$parts = Jws::decode( $assertion );
		$sub   = null === $parts ? null : ( $parts['payload']['sub'] ?? null );
		return is_string( $sub ) && '' !== $sub ? $sub : null;
	}

	/**
	 * @param string[] $audiences Any one of them will do as `aud`.
	 * @throws OAuth_Error invalid_client naming the rule the assertion breaks.
	 */
	public function verify( string $assertion, Client $client, array $audiences ): void {
		$options = Verify_Options::allowing( ...self::ALGORITHMS )
			->with_issuer( $client->client_id )
			->with_audiences( ...$audiences )
			->with_string_claims( 'sub', 'jti' )
			->with_clock_tolerance( self::CLOCK_TOLERANCE );
		try {
			$claims = $this->verified_claims( $assertion, $client, $options );
		} catch ( Jwt_Error $error ) {
			throw OAuth_Error::invalid_client( self::description( $error ) );
		} catch ( Keys_Unavailable $error ) {
			throw OAuth_Error::invalid_client( 'The client\'s keys are unavailable: ' . $error->getMessage() );
		}
		if ( $claims['sub'] !== $client->client_id ) {
			throw OAuth_Error::invalid_client( 'The client assertion\'s sub must be the client_id' );
		}
		$valid_until = $this->valid_until( $claims );
		if ( ! $this->jtis->use_once( $client->client_id, $claims['jti'], $valid_until, $this->clock->now() ) ) {
			throw OAuth_Error::invalid_client( 'The client assertion was already used (its jti was seen before)' );
		}
	}

	/**
	 * @return array<string,mixed>
	 */
	private function verified_claims( string $assertion, Client $client, Verify_Options $options ): array {
		try {
			return $this->verifier->verify( $assertion, new Jwks_Key_Set( $this->keys->keys( $client ) ), $options );
		} catch ( Jwt_Error $error ) {
			// The client may have rotated its keys since its jwks_uri was fetched: ask once more.
			if ( Jwt_Error::KID_UNKNOWN !== $error->reason() || '' === $client->jwks_uri ) {
				throw $error;
			}
			return $this->verifier->verify( $assertion, new Jwks_Key_Set( $this->keys->keys( $client, true ) ), $options );
		}
	}

	/**
	 * The last moment (tolerance included) this assertion could be accepted: until then its jti
	 * must be remembered.
	 *
	 * @param array<string,mixed> $claims Verified; `exp` is an integer.
	 */
	private function valid_until( array $claims ): int {
		$now = $this->clock->now();
		$exp = (int) $claims['exp'];
		if ( ! array_key_exists( 'iat', $claims ) ) {
			if ( $exp - $now > self::MAX_AGE + self::CLOCK_TOLERANCE ) {
				throw OAuth_Error::invalid_client( sprintf( 'The client assertion\'s exp lies more than %d seconds ahead; without iat it may not', self::MAX_AGE ) );
			}
			return $exp + self::CLOCK_TOLERANCE;
		}
		$iat = $claims['iat'];
		if ( ! is_int( $iat ) ) {
			throw OAuth_Error::invalid_client( 'The client assertion\'s iat is not an integer' );
		}
		if ( $iat > $now + self::CLOCK_TOLERANCE ) {
			throw OAuth_Error::invalid_client( 'The client assertion\'s iat lies in the future' );
		}
		if ( $now - $iat > self::MAX_AGE + self::CLOCK_TOLERANCE ) {
			throw OAuth_Error::invalid_client( sprintf( 'The client assertion was made more than %d seconds ago (iat); make a new one for each request', self::MAX_AGE ) );
		}
		return min( $exp, $iat + self::MAX_AGE ) + self::CLOCK_TOLERANCE;
	}

	private static function description( Jwt_Error $error ): string {
		switch ( $error->reason() ) {
			case Jwt_Error::ALG_NOT_ALLOWED:
				return 'The client assertion must be signed with ' . implode( ', ', self::ALGORITHMS );
			case Jwt_Error::CRIT_UNSUPPORTED:
				return 'The client assertion names critical header extensions (crit), which are not supported';
			case Jwt_Error::KID_UNKNOWN:
				return 'No key of the client matches the client assertion (kid)';
			case Jwt_Error::KEY_UNFIT:
				return 'The client\'s key named by kid does not fit the client assertion\'s algorithm';
			case Jwt_Error::BAD_SIGNATURE:
				return 'The client assertion\'s signature does not verify with the client\'s keys';
			case Jwt_Error::ISSUER_MISMATCH:
				return 'The client assertion\'s iss must be the client_id';
			case Jwt_Error::AUDIENCE_MISMATCH:
				return 'The client assertion\'s aud must be the token endpoint URL or the issuer';
			case Jwt_Error::EXPIRED:
				return 'The client assertion has expired (exp)';
			case Jwt_Error::NOT_YET_VALID:
				return 'The client assertion is not valid yet (nbf)';
			case Jwt_Error::CLAIM_INVALID:
				return 'The client assertion is missing a claim: ' . $error->getMessage();
			default:
				return 'The client assertion is not a well-formed signed JWT: ' . $error->getMessage();
		}
	}
}
