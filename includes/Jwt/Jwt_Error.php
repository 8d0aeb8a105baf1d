<?php
declare(strict_types=1);

namespace Keystone_OIDC\Jwt;

/**
 * Why a JWT was refused, as a stable code (as jose's `ERR_JWT_*`), so logs and callers can tell
 * one failure from another without reading the message. The codes never change meaning; callers
 * still answer every one of them with their own single protocol error, so nothing here reaches a
 * client.
 */
final class Jwt_Error extends \RuntimeException {
	/** Not three base64url segments with a JSON object as header and as payload. */
	const MALFORMED = 'malformed';
	/** The header's `alg` is missing, not on the caller's allow-list, or not one we implement. */
	const ALG_NOT_ALLOWED = 'alg_not_allowed';
	/** RFC 7515 §4.1.11: the header names extensions (`crit`) that we do not understand. */
	const CRIT_UNSUPPORTED = 'crit_unsupported';
	/** The header's `typ` is not the one this kind of token carries. */
	const TYP_MISMATCH = 'typ_mismatch';
	/** No key goes by the header's `kid` (or, without one, no single key fits). */
	const KID_UNKNOWN = 'kid_unknown';
	/** The key the `kid` names is not one for this algorithm (type, curve, use, size). */
	const KEY_UNFIT     = 'key_unfit';
	const BAD_SIGNATURE = 'bad_signature';
	/** A claim the caller needs is missing or of the wrong type. */
	const CLAIM_INVALID = 'claim_invalid';
	const EXPIRED       = 'expired';
	/** `nbf` lies ahead. */
	const NOT_YET_VALID     = 'not_yet_valid';
	const ISSUER_MISMATCH   = 'issuer_mismatch';
	const AUDIENCE_MISMATCH = 'audience_mismatch';

	/** @var string */
	private $reason;

	public function __construct( string $reason, string $message ) {
		parent::__construct( $message );
		$this->reason = $reason;
	}

	/**
	 * One of this class's constants.
	 */
	public function reason(): string {
		return $this->reason;
	}
}
