<?php
declare(strict_types=1);

namespace Keystone_OIDC\Keys;

use Keystone_OIDC\Clock;
use Keystone_OIDC\Config;
use Keystone_OIDC\Crypto\Jwk;
use Keystone_OIDC\Crypto\Key_Encryption;
use Keystone_OIDC\Crypto\Key_Pair;
use Keystone_OIDC\Crypto\Openssl_Errors;
use Keystone_OIDC\Crypto\Public_Key;
use Keystone_OIDC\Jwt\Jwt_Error;
use Keystone_OIDC\Jwt\Key_Set;
use Keystone_OIDC\Storage\Named_Lock;

/**
 * The signing keys, kept in one option that is never autoloaded. Each entry holds the public JWK
 * and PEM, the private key encrypted with a key derived from the site's salts, and its creation and
 * retirement times. There is one current key per algorithm; a retired key stays published until
 * every token it can have signed has expired, so rotation never invalidates a live token.
 *
 * The option is read once per request and written through the options API only, so web servers
 * sharing the database (and a persistent object cache) see a rotation made on another server on
 * their next request. Every change is a read-change-write under a database lock (`LOCK`), from a
 * fresh read: two requests rotating or creating keys at once can never drop a key the other one
 * made, which may already have signed a token.
 *
 * Built once per request by the composition root (`Container::key_store()`). It is also the key set
 * our own tokens are verified against: a published key by its kid, parsed from its stored PEM once.
 */
final class Key_Store implements Key_Set {
	const OPTION     = 'keystone_oidc_keys';
	const ALGORITHMS = array( 'RS256', 'ES256' );

	/**
	 * Mixed into the salt so the encryption key serves this purpose only.
	 */
	const ENCRYPTION_CONTEXT = 'keystone-oidc|signing-key-encryption|v1';

	const LOCK = 'keys';

	/**
	 * Seconds a change waits for another one: a rotation makes an RSA key, well under a second.
	 */
	const LOCK_TIMEOUT = 10;

	/**
	 * Stored entries: kid, alg, public_jwk, public_pem, private (encrypted PEM), created_at,
	 * retired_at (unix).
	 *
	 * @var array<int,array<string,mixed>>
	 */
	private $entries;

	/**
	 * Whether the option row exists: the first write must be an insert that loses to a concurrent one.
	 *
	 * @var bool
	 */
	private $stored;

	/**
	 * Decrypted current keys of this request, by algorithm.
	 *
	 * @var array<string,Key_Pair>
	 */
	private $pairs = array();

	/**
	 * Published public keys of this request, parsed, by kid.
	 *
	 * @var array<string,Public_Key>
	 */
	private $public_keys = array();

	public function __construct() {
		$this->load();
	}

	/**
	 * Forgets this request's copy and reads the option again (after another step wrote it behind
	 * this store's back, as the upgrade from 2.x does).
	 */
	public function reload(): void {
		$this->load();
	}

	/**
	 * Makes sure a current key exists for every algorithm. Idempotent: does nothing when they
	 * exist. A current key that does not decrypt is left as it is (see `Key_Unavailable`): only
	 * an explicit `rotate()` replaces it.
	 *
	 * @throws Keys_Unavailable When a missing key cannot be made (OpenSSL refused).
	 */
	public function ensure(): void {
		if ( ! $this->lacks_current_key() ) {
			return;
		}
		$this->change(
			function (): void {
				if ( ! $this->lacks_current_key() ) {
					return;
				}
				foreach ( self::ALGORITHMS as $alg ) {
					if ( null === $this->current_entry_index( $alg ) ) {
						$this->add_new( $alg );
					}
				}
				$this->save();
			}
		);
	}

	/**
	 * @throws Key_Unavailable When the current key does not decrypt with this site's salts.
	 */
	public function current( string $alg = 'RS256' ): Key_Pair {
		self::assert_algorithm( $alg );
		$this->ensure();
		$pair = $this->usable_pair( $alg );
		if ( null === $pair ) {
			throw new Key_Unavailable( sprintf( 'The current %s signing key does not decrypt with this site\'s salts', $alg ) );
		}
		return $pair;
	}

	/**
	 * The kid of the current key, read without decrypting it, so the admin screens still show it
	 * when it cannot be used.
	 */
	public function current_kid( string $alg = 'RS256' ): string {
		self::assert_algorithm( $alg );
		$this->ensure();
		$index = $this->current_entry_index( $alg );
		return null === $index ? '' : (string) $this->entries[ $index ]['kid'];
	}

	/**
	 * The algorithms whose current key exists but does not decrypt (the site's salts changed).
	 *
	 * @return string[]
	 */
	public function unusable_algorithms(): array {
		$unusable = array();
		foreach ( self::ALGORITHMS as $alg ) {
			if ( null !== $this->current_entry_index( $alg ) && null === $this->usable_pair( $alg ) ) {
				$unusable[] = $alg;
			}
		}
		return $unusable;
	}

	/**
	 * Every published public key: the current ones first, then those retired but still needed to
	 * verify tokens they signed.
	 *
	 * @return array{keys: array<int,array<string,mixed>>}
	 */
	public function public_jwks(): array {
		$this->ensure_published();
		$current = array();
		$retired = array();
		foreach ( $this->entries as $entry ) {
			$jwk = self::published_jwk( $entry );
			if ( null === $entry['retired_at'] ) {
				$current[] = $jwk;
			} else {
				$retired[] = $jwk;
			}
		}
		return array( 'keys' => array_merge( $current, $retired ) );
	}

	/**
	 * A published key by its kid, as the verifier needs it: parsed from the PEM stored beside its
	 * JWK, never rebuilt from the JWK. Our own tokens always name their key, so a token without a
	 * kid is never ours.
	 */
	public function key_for( ?string $kid, string $alg ): Public_Key {
		if ( null === $kid ) {
			throw new Jwt_Error( Jwt_Error::KID_UNKNOWN, 'Tokens this provider signed always name their key' );
		}
		if ( isset( $this->public_keys[ $kid ] ) ) {
			$key = $this->public_keys[ $kid ];
		} else {
			$entry = $this->published_entry( $kid );
			$key   = Public_Key::from_pem( self::public_pem( $entry ), $entry['kid'], $entry['alg'] );
			if ( null === $key ) {
				throw new Jwt_Error( Jwt_Error::KEY_UNFIT, 'The stored public key cannot be read' );
			}
			$this->public_keys[ $kid ] = $key;
		}
		if ( $key->alg() !== $alg ) {
			throw new Jwt_Error( Jwt_Error::KEY_UNFIT, 'The key the kid names is for another algorithm' );
		}
		return $key;
	}

	/**
	 * @return array<string,mixed>
	 */
	private function published_entry( string $kid ): array {
		$this->ensure_published();
		foreach ( $this->entries as $entry ) {
			if ( hash_equals( (string) $entry['kid'], $kid ) ) {
				return $entry;
			}
		}
		throw new Jwt_Error( Jwt_Error::KID_UNKNOWN, 'No published key has this kid' );
	}

	/**
	 * Summary of every stored key for the admin screens; never any private material.
	 *
	 * @return array<int,array{kid: string, alg: string, created_at: int, retired_at: ?int, expires_at: ?int}>
	 */
	public function describe(): array {
		$this->ensure_published();
		$keep = self::retention();
		return array_map(
			static function ( array $entry ) use ( $keep ): array {
				return array(
					'kid'        => $entry['kid'],
					'alg'        => $entry['alg'],
					'created_at' => $entry['created_at'],
					'retired_at' => $entry['retired_at'],
					'expires_at' => null === $entry['retired_at'] ? null : $entry['retired_at'] + $keep,
				);
			},
			$this->entries
		);
	}

	/**
	 * Makes a new current key for every algorithm and retires the previous ones, which stay
	 * published until the tokens they signed have expired.
	 *
	 * @return string The kid of the new RS256 key.
	 */
	public function rotate(): string {
		return $this->change(
			function (): string {
				return $this->replace_current();
			}
		);
	}

	/**
	 * Rotates (as `rotate()`) when a current key was created at or before `$created_before`
	 * (`Keys\Scheduled_Rotation`). Decided under the lock on the stored set, so two cron runs at
	 * once rotate only once.
	 *
	 * @return string|null The kid of the new RS256 key, or null when every current key is younger.
	 */
	public function rotate_if_older( int $created_before ): ?string {
		return $this->change(
			function () use ( $created_before ): ?string {
				foreach ( $this->entries as $entry ) {
					if ( null === $entry['retired_at'] && $entry['created_at'] <= $created_before ) {
						return $this->replace_current();
					}
				}
				return null;
			}
		);
	}

	/**
	 * Inside `change()`: a new current key for every algorithm, the previous ones retired.
	 */
	private function replace_current(): string {
		foreach ( self::ALGORITHMS as $alg ) {
			$this->retire_current( $alg );
			$this->add_new( $alg );
		}
		$this->drop_expired();
		$this->save();
		do_action( 'keystone_oidc_keys_rotated', $this->current_kid( 'RS256' ) );
		return $this->current_kid( 'RS256' );
	}

	/**
	 * Publishes, as retired, a public key this site signed with before it had this store (Keystone
	 * OIDC 2.x), so the tokens it signed keep verifying until they expire. There is no private half:
	 * nothing is signed with it again. Idempotent by kid.
	 *
	 * @param string $public_pem "PUBLIC KEY" PEM of a key of `$alg`'s type.
	 * @throws \InvalidArgumentException When the PEM is not such a key.
	 */
	public function add_retired_public_key( string $public_pem, string $kid, string $alg, int $retired_at ): void {
		self::assert_algorithm( $alg );
		$handle  = openssl_pkey_get_public( $public_pem );
		$details = false === $handle ? false : openssl_pkey_get_details( $handle );
		if ( false === $details ) {
			throw new \InvalidArgumentException( 'The public key cannot be read: ' . Openssl_Errors::drain() );
		}
		$public_jwk = Jwk::from_key_details( $details, $alg, $kid );
		$this->change(
			function () use ( $public_jwk, $public_pem, $kid, $alg, $retired_at ): void {
				foreach ( $this->entries as $entry ) {
					if ( hash_equals( (string) $entry['kid'], $kid ) ) {
						return;
					}
				}
				$this->entries[] = array(
					'kid'        => $kid,
					'alg'        => $alg,
					'public_jwk' => $public_jwk,
					'public_pem' => $public_pem,
					'private'    => '',
					'created_at' => Clock::now(),
					'retired_at' => $retired_at,
				);
				$this->save();
			}
		);
	}

	/**
	 * Removes retired keys no token can need any more.
	 *
	 * @return int How many keys were removed.
	 */
	public function prune(): int {
		return $this->change(
			function (): int {
				$removed = $this->drop_expired();
				if ( $removed > 0 ) {
					$this->save();
				}
				return $removed;
			}
		);
	}

	/**
	 * Runs a change of the key set under the lock, on the stored set as it is now (not this
	 * request's earlier copy, which a concurrent change may have made stale).
	 *
	 * @template T
	 * @param callable():T $change
	 * @return T
	 */
	private function change( callable $change ) {
		if ( ! Named_Lock::acquire( self::LOCK, self::LOCK_TIMEOUT ) ) {
			throw new Key_Unavailable( 'The signing keys are being changed by another request' );
		}
		try {
			wp_cache_delete( self::OPTION, 'options' );
			wp_cache_delete( 'notoptions', 'options' );
			$this->load();
			return $change();
		} finally {
			Named_Lock::release( self::LOCK );
		}
	}

	private function lacks_current_key(): bool {
		foreach ( self::ALGORITHMS as $alg ) {
			if ( null === $this->current_entry_index( $alg ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Changes whenever the published key set changes (ETags of the JWKS and discovery documents).
	 */
	public function revision(): string {
		$this->ensure_published();
		$parts = array();
		foreach ( $this->entries as $entry ) {
			$parts[] = $entry['kid'] . ':' . ( null === $entry['retired_at'] ? 'current' : (string) $entry['retired_at'] );
		}
		return substr( hash( 'sha256', implode( ',', $parts ) ), 0, 32 );
	}

	/**
	 * How long a retired key stays published: the longest life of a token it can have signed.
	 */
	public static function retention(): int {
		return Config::key_retention( Clock::now() );
	}

	private function load(): void {
		$this->pairs       = array();
		$this->public_keys = array();
		$this->entries     = array();
		$raw               = get_option( self::OPTION, null );
		$this->stored      = null !== $raw;
		if ( ! is_array( $raw ) ) {
			return;
		}
		foreach ( $raw as $entry ) {
			$valid = is_array( $entry )
				&& isset( $entry['kid'], $entry['alg'], $entry['public_jwk'], $entry['private'], $entry['created_at'] )
				&& is_string( $entry['kid'] ) && in_array( $entry['alg'], self::ALGORITHMS, true )
				&& is_array( $entry['public_jwk'] ) && is_string( $entry['private'] );
			if ( $valid ) {
				$entry['created_at'] = (int) $entry['created_at'];
				$entry['retired_at'] = isset( $entry['retired_at'] ) ? (int) $entry['retired_at'] : null;
				$this->entries[]     = $entry;
			}
		}
	}

	/**
	 * Inserts the option on first use (autoload off). When a concurrent request inserted it first,
	 * its keys win: ours were never used, theirs may already have signed something.
	 */
	private function save(): void {
		$value = array_map(
			static function ( array $entry ): array {
				return array( 'public_pem' => self::public_pem( $entry ) ) + $entry;
			},
			array_values( $this->entries )
		);
		if ( $this->stored ) {
			update_option( self::OPTION, $value, false );
			return;
		}
		if ( add_option( self::OPTION, $value, '', 'no' ) ) {
			$this->stored = true;
			return;
		}
		wp_cache_delete( self::OPTION, 'options' );
		wp_cache_delete( 'notoptions', 'options' );
		$this->load();
		if ( ! $this->stored ) {
			update_option( self::OPTION, $value, false );
			$this->stored  = true;
			$this->entries = $value;
		}
	}

	/**
	 * Publishing needs at least the current keys; a site activated before this code ran has none.
	 */
	private function ensure_published(): void {
		$this->ensure();
	}

	/**
	 * The decrypted current key of an algorithm, or null when there is none or it no longer
	 * decrypts (the site's salts changed).
	 */
	private function usable_pair( string $alg ): ?Key_Pair {
		if ( isset( $this->pairs[ $alg ] ) ) {
			return $this->pairs[ $alg ];
		}
		$index = $this->current_entry_index( $alg );
		if ( null === $index ) {
			return null;
		}
		$entry = $this->entries[ $index ];
		$pem   = Key_Encryption::decrypt( $entry['private'], self::encryption_key() );
		if ( null === $pem ) {
			return null;
		}
		try {
			$pair = Key_Pair::from_array(
				array(
					'kid'         => $entry['kid'],
					'alg'         => $entry['alg'],
					'private_pem' => $pem,
					'public_jwk'  => $entry['public_jwk'],
				)
			);
		} catch ( \Throwable $e ) {
			return null;
		}
		$this->pairs[ $alg ] = $pair;
		return $pair;
	}

	private function current_entry_index( string $alg ): ?int {
		foreach ( $this->entries as $index => $entry ) {
			if ( $alg === $entry['alg'] && null === $entry['retired_at'] ) {
				return $index;
			}
		}
		return null;
	}

	/**
	 * Retires the current key of an algorithm; its public half stays published, so tokens it signed
	 * keep verifying even when its private half was lost to a salt change.
	 */
	private function retire_current( string $alg ): void {
		$now = Clock::now();
		foreach ( $this->entries as $index => $entry ) {
			if ( $alg === $entry['alg'] && null === $entry['retired_at'] ) {
				$this->entries[ $index ]['retired_at'] = $now;
			}
		}
		unset( $this->pairs[ $alg ] );
	}

	/**
	 * @throws Keys_Unavailable When OpenSSL cannot make the key.
	 */
	private function add_new( string $alg ): void {
		try {
			/**
			 * The OpenSSL configuration key generation reads. The plugin ships its own, so that no key
			 * depends on the host's `openssl.cnf`; a host that needs other settings can name its own.
			 *
			 * @param string $path Path of an OpenSSL configuration file.
			 */
			$config = (string) apply_filters( 'keystone_oidc_openssl_config', Key_Pair::openssl_config() );
			// The kid is the key's RFC 7638 thumbprint, known only once the key exists.
			$draft = Key_Pair::generate( $alg, 'pending', $config );
		} catch ( \RuntimeException $failure ) {
			throw new Keys_Unavailable( $failure->getMessage(), 0, $failure );
		}
		$kid  = Key_Pair::thumbprint_kid( $draft->public_jwk() );
		$pair = Key_Pair::from_private_pem( $draft->private_pem(), $alg, $kid );

		$this->entries[]     = array(
			'kid'        => $kid,
			'alg'        => $alg,
			'public_jwk' => $pair->public_jwk(),
			'public_pem' => $pair->public_pem(),
			'private'    => Key_Encryption::encrypt( $pair->private_pem(), self::encryption_key() ),
			'created_at' => Clock::now(),
			'retired_at' => null,
		);
		$this->pairs[ $alg ] = $pair;
	}

	private function drop_expired(): int {
		$cutoff = Clock::now() - self::retention();
		$before = count( $this->entries );

		$this->entries = array_values(
			array_filter(
				$this->entries,
				static function ( array $entry ) use ( $cutoff ): bool {
					return null === $entry['retired_at'] || $entry['retired_at'] >= $cutoff;
				}
			)
		);
		return $before - count( $this->entries );
	}

	/**
	 * @param array<string,mixed> $entry
	 * @return array<string,mixed>
	 */
	private static function published_jwk( array $entry ): array {
		return array_merge(
			$entry['public_jwk'],
			array(
				'kid' => $entry['kid'],
				'use' => 'sig',
				'alg' => $entry['alg'],
			)
		);
	}

	/**
	 * Keys stored by 3.0.0 have no PEM beside their JWK: such a key gets it from its JWK when a
	 * token names it, and keeps it from the next change of the key set on (which saves every entry).
	 *
	 * @param array<string,mixed> $entry
	 */
	private static function public_pem( array $entry ): string {
		if ( isset( $entry['public_pem'] ) && is_string( $entry['public_pem'] ) ) {
			return $entry['public_pem'];
		}
		return (string) Jwk::to_public_pem( $entry['public_jwk'] );
	}

	private static function encryption_key(): string {
		return wp_salt( 'auth' ) . '|' . self::ENCRYPTION_CONTEXT;
	}

	private static function assert_algorithm( string $alg ): void {
		if ( ! in_array( $alg, self::ALGORITHMS, true ) ) {
			throw new \InvalidArgumentException( 'Unsupported signing algorithm: ' . $alg );
		}
	}
}
