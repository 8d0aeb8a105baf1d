<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

use InvalidArgumentException;
use RuntimeException;

/**
 * A signing key: its id, algorithm, private key (PEM) and the public JWK derived from it.
 * The public JWK is always recomputed from the private key, so the two can never disagree.
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

	/**
	 * @param array<string, string> $public_jwk
	 */
	private function __construct( string $kid, string $alg, string $private_pem, array $public_jwk ) {
		$this->kid         = $kid;
		$this->alg         = $alg;
		$this->private_pem = $private_pem;
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
		$config = array( 'config' => '' === $openssl_config ? self::openssl_config() : $openssl_config );
		self::openssl_errors();
		$key = openssl_pkey_new( $options + $config );
		if ( false === $key || ! openssl_pkey_export( $key, $pem, null, $config ) ) {
			throw new RuntimeException( 'OpenSSL could not generate a key: ' . self::openssl_errors() );
		}
		// OpenSSL still queues its failure to read the host's own configuration, which does not matter here.
		self::openssl_errors();
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
			self::openssl_errors();
			throw new InvalidArgumentException( 'The private key cannot be read.' );
		}
		if ( isset( $details['rsa'] ) && $details['bits'] < Algorithm::MIN_RSA_BITS ) {
			throw new InvalidArgumentException( 'RSA keys must have at least 2048 bits.' );
		}
		return new self( $kid, $alg, $private_pem, Jwk::from_key_details( $details, $alg, $kid ) );
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

	/**
	 * Reads (and so empties) OpenSSL's error queue, which otherwise leaks into later calls.
	 */
	private static function openssl_errors(): string {
		$errors = array();
		while ( false !== ( $error = openssl_error_string() ) ) {
			$errors[] = $error;
		}
		return implode( '; ', $errors );
	}
}
