<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

use InvalidArgumentException;
use RuntimeException;

/**
 * A signing key: its id, algorithm, private key (PEM, parsed by OpenSSL once) and the public key
 * and JWK derived from it. The public halves are always recomputed from the private key, so they
 * can never disagree with it.
 */
final class Key_Pair {
	const RSA_BITS = 2048;

	/** @var string */
	private $kid;
	/** @var string */
	private $alg;
	/** @var string */
	private $private_pem;
	/** @var array<string, string> */
	private $public_jwk;
	/** @var string */
	private $public_pem;
	/** @var \OpenSSLAsymmetricKey|resource Parsed once: every signature of the request reuses it. */
	private $private_key;
	/** @var Public_Key|null */
	private $public_key = null;

	/**
	 * @param array<string, string>          $public_jwk
	 * @param \OpenSSLAsymmetricKey|resource $private_key
	 */
	private function __construct( string $kid, string $alg, string $private_pem, $private_key, string $public_pem, array $public_jwk ) {
		$this->kid         = $kid;
		$this->alg         = $alg;
		$this->private_pem = $private_pem;
		$this->private_key = $private_key;
		$this->public_pem  = $public_pem;
		$this->public_jwk  = $public_jwk;
	}

	/**
	 * @param string $openssl_config Path of the OpenSSL configuration to use; the plugin's own by default.
	 * @throws InvalidArgumentException For an unsupported algorithm or an empty kid.
	 * @throws RuntimeException When OpenSSL cannot create the key.
	 */
	public static function generate( string $alg, string $kid, string $openssl_config = '' ): self {
		$spec = Algorithm::spec( $alg );
		if ( null === $spec ) {
			throw new InvalidArgumentException( sprintf( 'Unsupported algorithm "%s".', $alg ) );
		}
		$options = 'RSA' === $spec['kty']
			? array(
				'private_key_type' => OPENSSL_KEYTYPE_RSA,
				'private_key_bits' => self::RSA_BITS,
			)
			: array(
				'private_key_type' => OPENSSL_KEYTYPE_EC,
				'curve_name'       => $spec['openssl_curve'],
			);
		$config  = array( 'config' => '' === $openssl_config ? self::openssl_config() : $openssl_config );
		Openssl_Errors::drain();
		$key = openssl_pkey_new( $options + $config );
		if ( false === $key || ! openssl_pkey_export( $key, $pem, null, $config ) ) {
			throw new RuntimeException( 'OpenSSL could not generate a key: ' . Openssl_Errors::drain() );
		}
		// OpenSSL still queues its failure to read the host's own configuration, which does not matter here.
		Openssl_Errors::drain();
		return self::from_private_pem( $pem, $alg, $kid );
	}

	/**
	 * @throws InvalidArgumentException When the PEM is not a private key fit for the algorithm.
	 */
	public static function from_private_pem( string $private_pem, string $alg, string $kid ): self {
		if ( '' === $kid ) {
			throw new InvalidArgumentException( 'A key needs a kid.' );
		}
		$key     = openssl_pkey_get_private( $private_pem );
		$details = false === $key ? false : openssl_pkey_get_details( $key );
		if ( false === $details ) {
			Openssl_Errors::drain();
			throw new InvalidArgumentException( 'The private key cannot be read.' );
		}
		if ( isset( $details['rsa'] ) && $details['bits'] < Algorithm::MIN_RSA_BITS ) {
			throw new InvalidArgumentException( 'RSA keys must have at least 2048 bits.' );
		}
		return new self( $kid, $alg, $private_pem, $key, $details['key'], Jwk::from_key_details( $details, $alg, $kid ) );
	}

	/**
	 * Inverse of to_array(). The stored public JWK must be the one the private key yields; a
	 * mismatch means the stored key was altered or mixed up, and signing with it would produce
	 * tokens nobody can verify.
	 *
	 * @param array<string, mixed> $data
	 * @throws InvalidArgumentException When a field is missing or the halves do not belong together.
	 */
	public static function from_array( array $data ): self {
		foreach ( array( 'kid', 'alg', 'private_pem' ) as $field ) {
			if ( ! isset( $data[ $field ] ) || ! is_string( $data[ $field ] ) ) {
				throw new InvalidArgumentException( sprintf( 'The key data lacks "%s".', $field ) );
			}
		}
		if ( ! isset( $data['public_jwk'] ) || ! is_array( $data['public_jwk'] ) ) {
			throw new InvalidArgumentException( 'The key data lacks "public_jwk".' );
		}
		$pair   = self::from_private_pem( $data['private_pem'], $data['alg'], $data['kid'] );
		$stored = $data['public_jwk'];
		$actual = $pair->public_jwk;
		// Member order is not meaningful in a JWK, and storage may have reordered it.
		ksort( $stored );
		ksort( $actual );
		if ( $stored !== $actual ) {
			throw new InvalidArgumentException( 'The public JWK does not belong to the private key.' );
		}
		return $pair;
	}

	/**
	 * @return array{kid: string, alg: string, private_pem: string, public_jwk: array<string, string>}
	 */
	public function to_array(): array {
		return array(
			'kid'         => $this->kid,
			'alg'         => $this->alg,
			'private_pem' => $this->private_pem,
			'public_jwk'  => $this->public_jwk,
		);
	}

	public function kid(): string {
		return $this->kid;
	}

	public function alg(): string {
		return $this->alg;
	}

	public function private_pem(): string {
		return $this->private_pem;
	}

	/**
	 * @return \OpenSSLAsymmetricKey|resource The private key as OpenSSL parsed it, for signing.
	 */
	public function private_key() {
		return $this->private_key;
	}

	/**
	 * The public half as OpenSSL exports it ("PUBLIC KEY" PEM), straight from the private key.
	 */
	public function public_pem(): string {
		return $this->public_pem;
	}

	/**
	 * The public half, parsed once, for verifying what this key signed.
	 */
	public function public_key(): Public_Key {
		if ( null === $this->public_key ) {
			$key = Public_Key::from_pem( $this->public_pem, $this->kid, $this->alg );
			if ( null === $key ) {
				throw new RuntimeException( 'OpenSSL cannot read the public half of its own key.' );
			}
			$this->public_key = $key;
		}
		return $this->public_key;
	}

	/**
	 * @return array<string, string>
	 */
	public function public_jwk(): array {
		return $this->public_jwk;
	}

	/**
	 * RFC 7638 thumbprint, for callers that want a kid derived from the key itself.
	 *
	 * @param array<string, mixed> $public_jwk
	 */
	public static function thumbprint_kid( array $public_jwk ): string {
		return Jwk::thumbprint( $public_jwk );
	}

	/**
	 * Keeps the private key out of var_dump(), print_r() and error reports.
	 *
	 * @return array<string, mixed>
	 */
	public function __debugInfo(): array {
		return array(
			'kid'        => $this->kid,
			'alg'        => $this->alg,
			'public_jwk' => $this->public_jwk,
		);
	}

	/**
	 * The plugin's own OpenSSL configuration: without one, OpenSSL reads the host's `openssl.cnf`
	 * (or `OPENSSL_CONF`), and where that file is missing, as in PHP.wasm, no key can be made.
	 */
	public static function openssl_config(): string {
		return __DIR__ . '/openssl.cnf';
	}
}
