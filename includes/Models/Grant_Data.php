<?php
declare(strict_types=1);

namespace Keystone_OIDC\Models;

/**
 * What a code or a stored token keeps in its `data` JSON about the grant it belongs to: the RFC 8707
 * resources its authorization request named, the WordPress session it was made in and, for a
 * refresh token, when the user logged in. Rows from before any of these was stored have none.
 */
final class Grant_Data {
	/** @var array<string,mixed> */
	private $values;

	/**
	 * @param array<string,mixed> $values The decoded `data` column.
	 */
	public function __construct( array $values = array() ) {
		$this->values = $values;
	}

	/**
	 * @return string[] The resources the authorization request named (empty: none).
	 */
	public function resources(): array {
		$resources = is_array( $this->values['resources'] ?? null ) ? $this->values['resources'] : array();
		return array_values( array_filter( $resources, 'is_string' ) );
	}

	/**
	 * The WordPress session (`sid`) the grant was made in, when it was made in one.
	 */
	public function sid(): ?string {
		return isset( $this->values['sid'] ) && is_string( $this->values['sid'] ) ? $this->values['sid'] : null;
	}

	public function auth_time(): ?int {
		return isset( $this->values['auth_time'] ) ? (int) $this->values['auth_time'] : null;
	}

	/**
	 * @return array<string,mixed> What the `data` column stores.
	 */
	public function to_array(): array {
		return $this->values;
	}
}
