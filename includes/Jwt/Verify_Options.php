<?php
declare(strict_types=1);

namespace Keystone_OIDC\Jwt;

/**
 * What a caller accepts for one kind of token, as jose's `jwtVerify` options: an explicit list of
 * algorithms (never taken from the token), the `typ`, the issuer, the audience, the claims it reads,
 * and whether an expired token still counts (revocation and introspection must find a token's
 * record after it expired; an `id_token_hint` is typically sent after it expired). Each `with…`
 * answers a copy, so one set of options can be shared and narrowed without surprises.
 */
final class Verify_Options {
	/** @var string[] */
	private $algorithms;

	/** @var string|null Normalised (`Jwt_Verifier::normalise_typ`); null: any. */
	private $typ = null;

	/** @var bool */
	private $typ_may_be_absent = false;

	/** @var string|null */
	private $issuer = null;

	/** @var string[] Any one of them will do; empty: any audience. */
	private $audiences = array();

	/** @var string[] */
	private $string_claims = array();

	/** @var bool */
	private $enforce_expiry = true;

	/** @var int */
	private $clock_tolerance = 0;

	/**
	 * @param string[] $algorithms
	 */
	private function __construct( array $algorithms ) {
		$this->algorithms = array_values( $algorithms );
	}

	public static function allowing( string ...$algorithms ): self {
		return new self( $algorithms );
	}

	/**
	 * RFC 7515 §4.1.9 / RFC 8725 §3.11: the media type the token must carry, compared without case
	 * and without the optional `application/` prefix.
	 */
	public function with_typ( string $typ, bool $may_be_absent = false ): self {
		$copy                    = clone $this;
		$copy->typ               = Jwt_Verifier::normalise_typ( $typ );
		$copy->typ_may_be_absent = $may_be_absent;
		return $copy;
	}

	public function with_issuer( string $issuer ): self {
		$copy         = clone $this;
		$copy->issuer = $issuer;
		return $copy;
	}

	/**
	 * The recipient the token must name in `aud` (a string, or one entry of a list).
	 */
	public function with_audience( string $audience ): self {
		return $this->with_audiences( $audience );
	}

	/**
	 * Recipients of which the token's `aud` must name at least one: a recipient known by several
	 * identifiers (RFC 7523 §3: the token endpoint URL or the issuer).
	 */
	public function with_audiences( string ...$audiences ): self {
		$copy            = clone $this;
		$copy->audiences = array_values( array_unique( $audiences ) );
		return $copy;
	}

	public function with_string_claims( string ...$names ): self {
		$copy                = clone $this;
		$copy->string_claims = array_values( array_unique( array_merge( $this->string_claims, $names ) ) );
		return $copy;
	}

	/**
	 * Lets an expired token through (its `exp` is then not read at all); the signature, issuer and
	 * every other rule still apply.
	 */
	public function accepting_expired(): self {
		$copy                 = clone $this;
		$copy->enforce_expiry = false;
		return $copy;
	}

	public function with_clock_tolerance( int $seconds ): self {
		$copy                  = clone $this;
		$copy->clock_tolerance = max( 0, $seconds );
		return $copy;
	}

	/**
	 * @return string[]
	 */
	public function algorithms(): array {
		return $this->algorithms;
	}

	/**
	 * @return string|null The `typ` the token must carry, normalised; null when any will do.
	 */
	public function typ(): ?string {
		return $this->typ;
	}

	/**
	 * Whether a token without `typ` passes the `typ` check.
	 */
	public function typ_may_be_absent(): bool {
		return $this->typ_may_be_absent;
	}

	public function issuer(): ?string {
		return $this->issuer;
	}

	/**
	 * @return string[] The accepted audiences; empty when any will do.
	 */
	public function audiences(): array {
		return $this->audiences;
	}

	/**
	 * @return string[] Claims that must be non-empty strings.
	 */
	public function string_claims(): array {
		return $this->string_claims;
	}

	/**
	 * Whether `exp` must be present and in the future.
	 */
	public function enforces_expiry(): bool {
		return $this->enforce_expiry;
	}

	/**
	 * Seconds of clock skew allowed on `exp` and `nbf`.
	 */
	public function clock_tolerance(): int {
		return $this->clock_tolerance;
	}
}
