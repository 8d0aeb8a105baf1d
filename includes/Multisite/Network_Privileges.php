<?php
declare(strict_types=1);

namespace Keystone_OIDC\Multisite;

use WP_Error;

/**
 * The one rule for what a site's administrator may not change on a multisite network: settings
 * and client fields that reach beyond the site (a client that skips consent can collect the
 * identity of every member without asking; dynamic registration lets anyone create clients; token
 * lifetimes decide how long a stolen token works). Changing them needs the network capability
 * (`manage_network_options`, filter `keystone_oidc_network_capability`). The lists are filtered
 * too (`keystone_oidc_network_settings`, `keystone_oidc_network_client_fields`), so a settings
 * group or client field added later is covered by naming it here, not by code in the group.
 * On a single site nothing is privileged beyond `manage_options`. WP-CLI is the server's
 * operator and is not asked.
 */
final class Network_Privileges {
	const CAPABILITY = 'manage_network_options';

	/** `/settings` fields whose change needs the network capability. */
	const SETTINGS = array( 'dynamic_registration', 'dynamic_rest_access', 'lifetimes' );

	/** `ClientInput` fields whose change needs the network capability. */
	const CLIENT_FIELDS = array( 'skip_consent', 'skip_consent_offline_access' );

	const ERROR_CODE = 'keystone_oidc_network_capability_required';

	public function capability(): string {
		return (string) apply_filters( 'keystone_oidc_network_capability', self::CAPABILITY );
	}

	/**
	 * Whether the current user may change every field (always on a single site).
	 */
	public function held(): bool {
		return ! is_multisite() || current_user_can( $this->capability() );
	}

	/**
	 * @return string[]
	 */
	public function settings(): array {
		return array_values( array_map( 'strval', (array) apply_filters( 'keystone_oidc_network_settings', self::SETTINGS ) ) );
	}

	/**
	 * @return string[]
	 */
	public function client_fields(): array {
		return array_values( array_map( 'strval', (array) apply_filters( 'keystone_oidc_network_client_fields', self::CLIENT_FIELDS ) ) );
	}

	/**
	 * @param array<string,mixed> $body    The `PUT /settings` body.
	 * @param array<string,mixed> $current The settings as `GET /settings` shows them.
	 * @return WP_Error|null
	 */
	public function refuse_settings( array $body, array $current ) {
		return $this->refuse( $this->settings(), $body, $current );
	}

	/**
	 * @param array<string,mixed> $input   The `ClientInput` a request carries.
	 * @param array<string,mixed> $current The client's current `Client` (a new client's defaults).
	 * @return WP_Error|null
	 */
	public function refuse_client( array $input, array $current ) {
		return $this->refuse( $this->client_fields(), $input, $current );
	}

	/**
	 * What the admin screens need to disable and explain the controls of privileged fields.
	 *
	 * @return array{multisite: bool, privileged: bool, settings: string[], clientFields: string[]}
	 */
	public function screen_config(): array {
		return array(
			'multisite'    => is_multisite(),
			'privileged'   => $this->held(),
			'settings'     => is_multisite() ? $this->settings() : array(),
			'clientFields' => is_multisite() ? $this->client_fields() : array(),
		);
	}

	/**
	 * @param string[]            $fields
	 * @param array<string,mixed> $body
	 * @param array<string,mixed> $current
	 * @return WP_Error|null
	 */
	private function refuse( array $fields, array $body, array $current ) {
		if ( $this->held() ) {
			return null;
		}
		$changed = Changed_Fields::among( $fields, $body, $current );
		if ( array() === $changed ) {
			return null;
		}
		return new WP_Error(
			self::ERROR_CODE,
			/* translators: %s: comma-separated field names. */
			sprintf( __( 'Only a network administrator may change these settings on a multisite network: %s.', 'keystone-oidc' ), implode( ', ', $changed ) ),
			array(
				'status' => 403,
				'fields' => $changed,
			)
		);
	}
}
