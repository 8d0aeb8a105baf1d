<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Endpoints;

use Keystone_OIDC\Endpoints\Router;
use PHPUnit\Framework\TestCase;

/**
 * The endpoints found from the request path alone, as with plain permalinks (end to end in
 * tests/hosts).
 */
final class Router_Match_PathTest extends TestCase {
	public function test_every_endpoint_at_the_root_with_and_without_a_trailing_slash(): void {
		foreach ( Router::paths() as $name => $path ) {
			$this->assertSame( $name, Router::match_path( '/' . $path, '' ), $path );
			$this->assertSame( $name, Router::match_path( '/' . $path . '/', '/' ), $path );
		}
	}

	public function test_a_site_in_a_subfolder_matches_below_its_home_path_only(): void {
		$this->assertSame( 'token', Router::match_path( '/blog/wenisch-tech/keystone-oidc/oauth/token', '/blog' ) );
		$this->assertSame( 'discovery', Router::match_path( '/blog/.well-known/openid-configuration', '/blog/' ) );
		$this->assertNull( Router::match_path( '/.well-known/openid-configuration', '/blog' ) );
		$this->assertNull( Router::match_path( '/blogx/.well-known/openid-configuration', '/blog' ) );
		$this->assertNull( Router::match_path( '/other/blog/.well-known/openid-configuration', '/blog' ) );
	}

	/**
	 * A server that rewrites nothing still runs index.php for `/index.php/<path>`.
	 */
	public function test_behind_index_php(): void {
		$this->assertSame( 'jwks', Router::match_path( '/index.php/wenisch-tech/keystone-oidc/oauth/jwks', '' ) );
		$this->assertSame( 'userinfo', Router::match_path( '/blog/index.php/wenisch-tech/keystone-oidc/oauth/userinfo', '/blog' ) );
	}

	public function test_other_paths_are_left_to_wordpress(): void {
		$this->assertNull( Router::match_path( '/', '' ) );
		$this->assertNull( Router::match_path( '/index.php', '' ) );
		$this->assertNull( Router::match_path( '/sample-page/', '' ) );
		$this->assertNull( Router::match_path( '/wenisch-tech/keystone-oidc/oauth/token//', '' ) );
		$this->assertNull( Router::match_path( '/wenisch-tech/keystone-oidc/oauth/token/extra', '' ) );
		$this->assertNull( Router::match_path( '/x/wenisch-tech/keystone-oidc/oauth/token', '' ) );
		$this->assertNull( Router::match_path( '/WENISCH-TECH/keystone-oidc/oauth/token', '' ) );
	}

	/**
	 * A 2.x issuer set by hand below the home URL is discovered below itself; one elsewhere is not
	 * this site's to answer.
	 */
	public function test_discovery_below_an_issuer_set_by_hand(): void {
		$home = 'https://site.example/blog';
		$this->assertTrue( Router::matches_issuer_discovery( '/blog/realms/main/.well-known/openid-configuration', $home . '/realms/main', $home ) );
		$this->assertTrue( Router::matches_issuer_discovery( '/blog/realms/main/.well-known/openid-configuration/', $home . '/realms/main', $home ) );
		$this->assertFalse( Router::matches_issuer_discovery( '/blog/realms/other/.well-known/openid-configuration', $home . '/realms/main', $home ) );
		$this->assertFalse( Router::matches_issuer_discovery( '/realms/main/.well-known/openid-configuration', 'https://id.example/realms/main', $home ) );
		$this->assertFalse( Router::matches_issuer_discovery( '/blogx/.well-known/openid-configuration', 'https://site.example/blogx', $home ) );
		$this->assertFalse( Router::matches_issuer_discovery( '/blog/.well-known/openid-configuration', $home, $home ) );
	}
}
