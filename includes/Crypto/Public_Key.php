<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

/**
 * A public key parsed by OpenSSL once, with the kid and algorithm it verifies for. Made only for
 * keys fit for their algorithm (right type and curve, RSA of at least 2048 bits), so whoever
 * holds one can verify without asking again.
 */
final class Public_Key {
	/** @var string */
	private $kid;

	/** @var string */
	private $alg;

	/** @var \OpenSSLAsymmetricKey|resource */
	private $handle;

	/**
	 * @param \OpenSSLAsymmetricKey|resource $handle
	 */
	private function __construct( string $kid, string $alg, $handle ) {
		$this->kid    = $kid;
		$this->alg    = $alg;
		$this->handle = $handle;
	}

	/**
	 * @param string $pem A "PUBLIC KEY" PEM (SubjectPublicKeyInfo).
	 * @return self|null Null when OpenSSL cannot read the key or it does not fit the algorithm.
	 */
	public static function from_pem( string $pem, string $kid, string $alg ): ?self {
		$spec    = Algorithm::spec( $alg );
		$handle  = null === $spec ? false : openssl_pkey_get_public( $pem );
		$details = false === $handle ? false : openssl_pkey_get_details( $handle );
		if ( false === $details ) {
			Openssl_Errors::drain();
			return null;
		}
		if ( 'RSA' === $spec['kty'] ) {
			$fits = OPENSSL_KEYTYPE_RSA === $details['type'] && $details['bits'] >= Algorithm::MIN_RSA_BITS;
		} else {
			$fits = OPENSSL_KEYTYPE_EC === $details['type'] && ( $details['ec']['curve_name'] ?? null ) === $spec['openssl_curve'];
		}
		return $fits ? new self( $kid, $alg, $handle ) : null;
	}

	public function kid(): string {
		return $this->kid;
	}

	public function alg(): string {
		return $this->alg;
	}

	/**
	 * @return \OpenSSLAsymmetricKey|resource
	 */
	public function handle() {
		return $this->handle;
	}
}
