<?php
declare(strict_types=1);

namespace Keystone_OIDC\Health;

use Keystone_OIDC\Admin\Key_Notice;
use Keystone_OIDC\Keys\Key_Store;
use Keystone_OIDC\Keys\Keys_Unavailable;
use Keystone_OIDC\Time\Clock;

/**
 * Whether the current signing keys are due for rotation. A key used for years has signed more
 * tokens and had more chances to leak (backups, copies of the database and wp-config.php); a
 * rotation costs nothing to relying parties, since the retired key stays published until the
 * tokens it signed expire.
 */
final class Key_Age_Test implements Health_Test {
	const ID = 'keystone_oidc_key_age';

	/** A current key older than this many days is worth rotating (also `wp oidc status`). */
	const WARNING_DAYS = 180;

	/** @var Key_Store */
	private $keys;

	/** @var Clock */
	private $clock;

	public function __construct( Key_Store $keys, Clock $clock ) {
		$this->keys  = $keys;
		$this->clock = $clock;
	}

	public function id(): string {
		return self::ID;
	}

	public function label(): string {
		return __( 'Age of the signing keys', 'keystone-oidc' );
	}

	public function is_async(): bool {
		return false;
	}

	/**
	 * Each current key's algorithm and age in whole days, oldest first.
	 *
	 * @param array<int,array<string,mixed>> $described As `Key_Store::describe()` lists them.
	 * @return array<string,int> Algorithm => age in days.
	 */
	public static function current_ages( array $described, int $now ): array {
		$ages = array();
		foreach ( $described as $key ) {
			if ( null === $key['retired_at'] ) {
				$ages[ (string) $key['alg'] ] = intdiv( max( 0, $now - (int) $key['created_at'] ), 86400 );
			}
		}
		arsort( $ages );
		return $ages;
	}

	public function run(): array {
		try {
			$described = $this->keys->describe();
		} catch ( Keys_Unavailable $failure ) {
			// No key could be made: the signing keys test reports it, with OpenSSL's words.
			return Result::make(
				self::ID,
				Result::RECOMMENDED,
				Result::SECURITY,
				__( 'There is no signing key whose age could be checked', 'keystone-oidc' ),
				Result::paragraphs( __( 'Keystone OIDC could not create its signing keys: see the test “OpenID Connect signing keys” on this screen.', 'keystone-oidc' ) )
			);
		}
		$ages   = self::current_ages( $described, $this->clock->now() );
		$oldest = array() === $ages ? 0 : (int) reset( $ages );
		$limit  = (int) apply_filters( 'keystone_oidc_key_age_warning_days', self::WARNING_DAYS );
		$list   = array();
		foreach ( $ages as $alg => $days ) {
			/* translators: 1: algorithm, 2: number of days */
			$list[] = sprintf( _n( '%1$s: %2$d day old', '%1$s: %2$d days old', $days, 'keystone-oidc' ), $alg, $days );
		}
		if ( $oldest <= $limit ) {
			return Result::make(
				self::ID,
				Result::GOOD,
				Result::SECURITY,
				__( 'The signing keys are recent', 'keystone-oidc' ),
				/* translators: %d: number of days */
				Result::paragraphs( sprintf( __( 'No current signing key is older than %d days.', 'keystone-oidc' ), $limit ) ) . Result::items( $list )
			);
		}
		return Result::make(
			self::ID,
			Result::RECOMMENDED,
			Result::SECURITY,
			/* translators: %d: number of days */
			sprintf( _n( 'The signing keys are %d day old: rotate them', 'The signing keys are %d days old: rotate them', $oldest, 'keystone-oidc' ), $oldest ),
			Result::paragraphs(
				/* translators: %d: number of days */
				sprintf( __( 'Rotating the keys past %d days limits what a key that leaked unnoticed (in a backup, a copy of the database and wp-config.php) can sign.', 'keystone-oidc' ), $limit ),
				__( 'Rotation is safe: relying parties read the new key from the JWKS, and the retired key stays published until the tokens it signed have expired. From the command line: wp oidc keys rotate.', 'keystone-oidc' )
			) . Result::items( $list ),
			Result::link( Key_Notice::settings_url(), Key_Notice::rotate_label() )
		);
	}
}
