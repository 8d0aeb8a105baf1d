<?php
declare(strict_types=1);

namespace Keystone_OIDC\Health;

use Keystone_OIDC\Plugin;

/**
 * Whether WP-Cron runs the hourly cleanup (`Plugin::CLEANUP_HOOK`): without it expired codes,
 * tokens, device codes and retired keys pile up. The event is scheduled on every request that finds
 * it missing, so "not scheduled" means the cron option cannot be saved; an event due long ago means
 * nothing runs WP-Cron (no visits, a failing loopback, or DISABLE_WP_CRON without a system cron).
 */
final class Cron_Test implements Health_Test {
	const ID = 'keystone_oidc_cleanup_cron';

	const UNSCHEDULED = 'unscheduled';
	const OVERDUE     = 'overdue';
	const SCHEDULED   = 'scheduled';

	/** An hourly event due longer ago than this has missed a run (WP-Cron runs on visits: some lag is normal). */
	const GRACE = 3600;

	public function id(): string {
		return self::ID;
	}

	public function label(): string {
		return __( 'WP-Cron runs the OpenID Connect cleanup', 'keystone-oidc' );
	}

	public function is_async(): bool {
		return false;
	}

	/**
	 * @param int|false $next When the event is due (`wp_next_scheduled()`), false when not scheduled.
	 */
	public static function state( $next, int $now ): string {
		if ( false === $next ) {
			return self::UNSCHEDULED;
		}
		return (int) $next < $now - self::GRACE ? self::OVERDUE : self::SCHEDULED;
	}

	public function run(): array {
		// WP-Cron keeps its own time (time()), not the provider's clock.
		$now      = time();
		$next     = wp_next_scheduled( Plugin::CLEANUP_HOOK );
		$state    = self::state( $next, $now );
		$disabled = defined( 'DISABLE_WP_CRON' ) && DISABLE_WP_CRON;
		$note     = $disabled ? __( 'WP-Cron does not run on visits here (DISABLE_WP_CRON is set in wp-config.php): a system cron job must call wp-cron.php, or run “wp cron event run --due-now”, every few minutes.', 'keystone-oidc' ) : '';
		if ( self::SCHEDULED === $state ) {
			return Result::make(
				self::ID,
				Result::GOOD,
				Result::PERFORMANCE,
				__( 'WP-Cron runs the OpenID Connect cleanup', 'keystone-oidc' ),
				Result::paragraphs(
					/* translators: %s: date and time */
					sprintf( __( 'The hourly cleanup of expired codes and tokens is next due at %s.', 'keystone-oidc' ), self::date( (int) $next ) ),
					...( '' === $note ? array() : array( $note ) )
				)
			);
		}
		if ( self::UNSCHEDULED === $state ) {
			$label = __( 'The OpenID Connect cleanup is not scheduled', 'keystone-oidc' );
			$why   = __( 'The hourly cleanup event is missing from WP-Cron, though every request tries to schedule it: WordPress cannot save its cron option (check the database and any plugin that manages cron events).', 'keystone-oidc' );
		} else {
			$label = __( 'The OpenID Connect cleanup is overdue', 'keystone-oidc' );
			/* translators: %s: date and time */
			$why = sprintf( __( 'The hourly cleanup was due at %s and has not run since: nothing is running WP-Cron on this site.', 'keystone-oidc' ), self::date( (int) $next ) );
		}
		return Result::make(
			self::ID,
			Result::RECOMMENDED,
			Result::PERFORMANCE,
			$label,
			Result::paragraphs(
				$why,
				__( 'Expired authorization codes, tokens, device codes and retired signing keys then stay in the database. “wp oidc cleanup” runs the cleanup once by hand.', 'keystone-oidc' ),
				'' === $note ? __( 'WP-Cron runs when the site gets visits, through a loopback request: see the “Loopback request” test on this screen.', 'keystone-oidc' ) : $note
			)
		);
	}

	private static function date( int $timestamp ): string {
		return wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $timestamp );
	}
}
