<?php
declare(strict_types=1);

namespace Keystone_OIDC\Health;

/**
 * One test of Tools → Site Health. A direct test runs while the Site Health screen is built, so it
 * only reads what the request has at hand (options, constants); a test that waits on the network
 * is asynchronous: the screen asks its REST route after the page has loaded.
 *
 * Another part of the plugin (or a site's own code) adds a test by returning one more instance from
 * the `keystone_oidc_site_health_tests` filter.
 */
interface Health_Test {
	/**
	 * The test's name in Site Health (`keystone_oidc_…`), also the last part of an async test's route.
	 */
	public function id(): string;

	/**
	 * What is checked, as Site Health lists it while the test runs.
	 */
	public function label(): string;

	/**
	 * Whether the test waits on the network, and so runs through its REST route.
	 */
	public function is_async(): bool;

	/**
	 * @return array<string,mixed> A Site Health result (`Result::to_array()`).
	 */
	public function run(): array;
}
