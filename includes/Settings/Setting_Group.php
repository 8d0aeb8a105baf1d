<?php
declare(strict_types=1);

namespace Keystone_OIDC\Settings;

use WP_Error;

/**
 * Some of the fields of `/settings` that belong together (the issuer, dynamic registration,
 * lifetimes, …). `PUT /settings` asks every group to validate the body before any group saves
 * it, so a refused body changes nothing.
 */
interface Setting_Group {
	/**
	 * @return string[] The `/settings` fields this group reads and writes.
	 */
	public function fields(): array;

	/**
	 * @return array<string,mixed> The current value of each field.
	 */
	public function to_array(): array;

	/**
	 * @param array<string,mixed> $body The whole request body; only this group's fields are read.
	 * @return WP_Error|null The first field that is wrong (status 400), or null.
	 */
	public function validate( array $body );

	/**
	 * Writes the fields the body names; called only after every group validated the body.
	 *
	 * @param array<string,mixed> $body
	 */
	public function save( array $body ): void;

	/**
	 * @return array<string,array<string,mixed>> JSON Schema of each field.
	 */
	public function schema(): array;
}
