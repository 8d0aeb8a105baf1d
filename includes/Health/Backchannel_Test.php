<?php
declare(strict_types=1);

namespace Keystone_OIDC\Health;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Http\Outbound;

/**
 * Whether the clients' back-channel logout targets answer (OpenID Connect Back-Channel Logout 1.0):
 * a logout token sent to a target that does not answer is lost, and the user stays signed in to
 * that application after signing out of WordPress. Async: one HEAD per origin with a short timeout,
 * under the same rules as the logout tokens themselves (`Http\Outbound`).
 *
 * A request WordPress itself refused to send (WP_HTTP_BLOCK_EXTERNAL, or a plugin answering
 * `pre_http_request`) says nothing about the target: it is reported as not checked, never as down.
 */
final class Backchannel_Test implements Health_Test {
	const ID = 'keystone_oidc_backchannel_logout';

	const REACHABLE   = 'reachable';
	const UNREACHABLE = 'unreachable';
	const UNCHECKED   = 'unchecked';

	/** Origins asked per run at most: the screen waits for this test. */
	const MAX_ORIGINS = 10;

	const TIMEOUT = 3;

	/** @var callable():Client[] */
	private $clients;

	/**
	 * @param callable():Client[] $clients Every client (read only when the test runs).
	 */
	public function __construct( callable $clients ) {
		$this->clients = $clients;
	}

	public function id(): string {
		return self::ID;
	}

	public function label(): string {
		return __( 'Back-channel logout targets reachable', 'keystone-oidc' );
	}

	public function is_async(): bool {
		return true;
	}

	/**
	 * The distinct origins of the targets, each with the clients that use it.
	 *
	 * @param array<string,string> $targets Client name => its `backchannel_logout_uri` ('' for none).
	 * @return array<string,string[]> Origin (`https://rp.example:8443`) => client names.
	 */
	public static function origins( array $targets ): array {
		$origins = array();
		foreach ( $targets as $name => $uri ) {
			$parts = parse_url( $uri ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- pure, tested without WordPress.
			if ( ! is_array( $parts ) || ! isset( $parts['scheme'], $parts['host'] ) ) {
				continue;
			}
			$origin               = strtolower( $parts['scheme'] . '://' . $parts['host'] ) . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );
			$origins[ $origin ][] = (string) $name;
		}
		return $origins;
	}

	/**
	 * What one request's outcome says about its target.
	 *
	 * @param string|null $error_code The `WP_Error` code, null when the target answered (any status).
	 */
	public static function verdict( ?string $error_code ): string {
		if ( null === $error_code ) {
			return self::REACHABLE;
		}
		// WordPress's own refusal (WP_HTTP_BLOCK_EXTERNAL answers with this code): not the target's.
		return 'http_request_not_executed' === $error_code ? self::UNCHECKED : self::UNREACHABLE;
	}

	public function run(): array {
		$targets = array();
		foreach ( call_user_func( $this->clients ) as $client ) {
			if ( '' !== $client->backchannel_logout_uri ) {
				$targets[ $client->name . ' (' . $client->client_id . ')' ] = $client->backchannel_logout_uri;
			}
		}
		$origins = array_slice( self::origins( $targets ), 0, self::MAX_ORIGINS, true );
		if ( array() === $origins ) {
			return Result::make(
				self::ID,
				Result::GOOD,
				Result::SECURITY,
				__( 'No client uses back-channel logout', 'keystone-oidc' ),
				Result::paragraphs( __( 'No client has a back-channel logout URI, so there is no target to reach.', 'keystone-oidc' ) )
			);
		}
		$found = array(
			self::REACHABLE   => array(),
			self::UNREACHABLE => array(),
			self::UNCHECKED   => array(),
		);
		foreach ( $origins as $origin => $names ) {
			$verdict = self::UNCHECKED;
			$detail  = '';
			// Asked first: for a blocked host WordPress may fail the URL check (an unresolvable name
			// offline) before it says the request is blocked, which would read as "unreachable".
			if ( ! _wp_http_get_object()->block_request( $origin . '/' ) ) {
				$response = Outbound::head(
					$origin . '/',
					array(
						'timeout'     => self::TIMEOUT,
						'redirection' => 0,
					)
				);
				$error    = is_wp_error( $response ) ? $response : null;
				$verdict  = self::verdict( null === $error ? null : (string) $error->get_error_code() );
				$detail   = null === $error ? '' : ': ' . $error->get_error_message();
			}
			/* translators: 1: origin, 2: client names */
			$found[ $verdict ][] = sprintf( __( '%1$s (%2$s)', 'keystone-oidc' ), $origin, implode( ', ', $names ) ) . $detail;
		}
		$lists = '';
		$heads = array(
			self::UNREACHABLE => __( 'Not reachable:', 'keystone-oidc' ),
			self::UNCHECKED   => __( 'Not checked (this site blocks outgoing requests, WP_HTTP_BLOCK_EXTERNAL):', 'keystone-oidc' ),
			self::REACHABLE   => __( 'Reachable:', 'keystone-oidc' ),
		);
		foreach ( $heads as $verdict => $head ) {
			if ( array() !== $found[ $verdict ] ) {
				$lists .= Result::paragraphs( $head ) . Result::items( $found[ $verdict ] );
			}
		}
		if ( array() !== $found[ self::UNREACHABLE ] ) {
			return Result::make(
				self::ID,
				Result::RECOMMENDED,
				Result::SECURITY,
				__( 'Some back-channel logout targets cannot be reached', 'keystone-oidc' ),
				Result::paragraphs( __( 'When a user signs out of WordPress, these applications are not told and keep the user signed in. Check each client’s back-channel logout URI, and that this server may reach it (firewall, DNS; an intranet host must be allowed with the keystone_oidc_allowed_internal_hosts filter).', 'keystone-oidc' ) ) . $lists,
				Result::link( admin_url( 'admin.php?page=keystone-oidc' ), __( 'Clients', 'keystone-oidc' ) )
			);
		}
		return Result::make(
			self::ID,
			Result::GOOD,
			Result::SECURITY,
			array() === $found[ self::UNCHECKED ]
				? __( 'The back-channel logout targets are reachable', 'keystone-oidc' )
				: __( 'No back-channel logout target was found unreachable', 'keystone-oidc' ),
			Result::paragraphs( __( 'Sign-outs from WordPress reach the applications that asked to be told.', 'keystone-oidc' ) ) . $lists
		);
	}
}
