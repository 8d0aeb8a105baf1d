<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Resource;

use Keystone_OIDC\Resource\Cors_Origins;
use PHPUnit\Framework\TestCase;

final class Cors_OriginsTest extends TestCase {
	/**
	 * @return array<string, array{string, string|null}>
	 */
	public function uris(): array {
		return array(
			'https, path dropped'     => array( 'https://app.example/callback?x=1', 'https://app.example' ),
			'default port dropped'    => array( 'https://app.example:443/cb', 'https://app.example' ),
			'http default port'       => array( 'http://127.0.0.1:80/cb', 'http://127.0.0.1' ),
			'other port kept'         => array( 'http://127.0.0.1:65010/callback', 'http://127.0.0.1:65010' ),
			'case folded'             => array( 'HTTPS://App.Example/cb', 'https://app.example' ),
			'ipv6 loopback'           => array( 'http://[::1]:8080/cb', 'http://[::1]:8080' ),
			'private-use scheme'      => array( 'com.example.app:/callback', null ),
			'custom scheme with host' => array( 'myapp://callback/x', null ),
			'not a URI'               => array( 'callback', null ),
		);
	}

	/**
	 * @dataProvider uris
	 */
	public function test_of( string $uri, ?string $expected ): void {
		$this->assertSame( $expected, Cors_Origins::of( $uri ) );
	}

	public function test_allows_only_an_exact_origin_of_a_redirect_uri(): void {
		$uris = array( 'https://app.example/callback', 'http://127.0.0.1:65010/cb', 'com.example.app:/cb' );
		$this->assertTrue( Cors_Origins::allows( 'https://app.example', $uris ) );
		$this->assertTrue( Cors_Origins::allows( 'http://127.0.0.1:65010', $uris ) );
		$this->assertFalse( Cors_Origins::allows( 'https://app.example:8443', $uris ) );
		$this->assertFalse( Cors_Origins::allows( 'http://app.example', $uris ) );
		$this->assertFalse( Cors_Origins::allows( 'https://evil.app.example', $uris ) );
		$this->assertFalse( Cors_Origins::allows( 'https://app.example/', $uris ) );
		$this->assertFalse( Cors_Origins::allows( 'null', $uris ) );
		$this->assertFalse( Cors_Origins::allows( '*', $uris ) );
		$this->assertFalse( Cors_Origins::allows( 'https://app.example', array() ) );
	}
}
