<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Checks;

use Keystone_OIDC\Checks\Redirect_Uri;
use PHPUnit\Framework\TestCase;

final class Redirect_UriTest extends TestCase {
	private const NO_SCHEME   = 'The redirect URI must be an absolute URI with a scheme.';
	private const FRAGMENT    = 'The redirect URI must not contain a fragment.';
	private const HTTP_REMOTE = 'Plain http is allowed only for loopback hosts (localhost, 127.0.0.1, [::1]); use https.';
	private const CONTROL     = 'The redirect URI contains whitespace or control characters.';
	private const USERINFO    = 'The redirect URI must not contain userinfo (anything@ before the host).';

	/**
	 * @return array<string, array{string}>
	 */
	public function registrable(): array {
		return array(
			'https'                       => array( 'https://client.example.test/callback' ),
			'https with port and query'   => array( 'https://client.example.test:8443/cb?tenant=a&x=%20y' ),
			'https without path'          => array( 'https://client.example.test' ),
			'https IP literal'            => array( 'https://203.0.113.7/cb' ),
			'https IPv6 literal'          => array( 'https://[2001:db8::1]:8443/cb' ),
			'https uppercase scheme'      => array( 'HTTPS://client.example.test/cb' ),
			'http localhost'              => array( 'http://localhost/cb' ),
			'http localhost with port'    => array( 'http://localhost:3000/callback' ),
			'http localhost uppercase'    => array( 'http://LOCALHOST:3000/cb' ),
			'http 127.0.0.1'              => array( 'http://127.0.0.1/cb' ),
			'http 127.0.0.1 with port'    => array( 'http://127.0.0.1:51004/oauth2redirect' ),
			'http elsewhere in 127/8'     => array( 'http://127.255.10.1:8080/cb' ),
			'http [::1]'                  => array( 'http://[::1]/cb' ),
			'http [::1] with port'        => array( 'http://[::1]:8080/cb' ),
			'private-use scheme'          => array( 'com.example.app:/oauth2redirect' ),
			'private-use scheme, slashes' => array( 'com.example.app://callback' ),
			'custom scheme with digits'   => array( 'myapp2+x-y:/cb' ),
			'exactly 2000 characters'     => array( 'https://client.example.test/' . str_repeat( 'a', 2000 - 28 ) ),
		);
	}

	/**
	 * @dataProvider registrable
	 */
	public function test_registrable_uris( string $uri ): void {
		$this->assertNull( Redirect_Uri::registration_error( $uri ) );
	}

	/**
	 * @return array<string, array{string, string}>
	 */
	public function refused(): array {
		return array(
			'empty'                        => array( '', 'The redirect URI is empty.' ),
			'2001 characters'              => array( 'https://client.example.test/' . str_repeat( 'a', 2001 - 28 ), 'The redirect URI is longer than 2000 characters.' ),
			'relative path'                => array( '/callback', self::NO_SCHEME ),
			'no scheme'                    => array( 'client.example.test/callback', self::NO_SCHEME ),
			'protocol-relative'            => array( '//client.example.test/callback', self::NO_SCHEME ),
			'scheme only'                  => array( 'https:', self::NO_SCHEME ),
			'scheme starts with digit'     => array( '1app:/cb', self::NO_SCHEME ),
			'fragment'                     => array( 'https://client.example.test/cb#frag', self::FRAGMENT ),
			'empty fragment'               => array( 'https://client.example.test/cb#', self::FRAGMENT ),
			'fragment in custom'           => array( 'com.example.app:/cb#x', self::FRAGMENT ),
			'http remote host'             => array( 'http://client.example.test/cb', self::HTTP_REMOTE ),
			'http uppercase scheme'        => array( 'HTTP://client.example.test/cb', self::HTTP_REMOTE ),
			'http public IP'               => array( 'http://203.0.113.7/cb', self::HTTP_REMOTE ),
			'http 127 as subdomain'        => array( 'http://127.0.0.1.evil.test/cb', self::HTTP_REMOTE ),
			'http localhost suffix'        => array( 'http://localhost.evil.test/cb', self::HTTP_REMOTE ),
			'http octet over 255'          => array( 'http://127.0.0.256/cb', self::HTTP_REMOTE ),
			'http octal-looking 127'       => array( 'http://127.0.0.01/cb', self::HTTP_REMOTE ),
			'http 0.0.0.0'                 => array( 'http://0.0.0.0/cb', self::HTTP_REMOTE ),
			'http other IPv6'              => array( 'http://[::2]/cb', self::HTTP_REMOTE ),
			'http loopback userinfo trick' => array( 'http://127.0.0.1@evil.test/cb', self::USERINFO ),
			'https userinfo trick'         => array( 'https://rp.example@evil.example/cb', self::USERINFO ),
			'https user and password'      => array( 'https://user:pw@client.example.test/cb', self::USERINFO ),
			'https empty userinfo'         => array( 'https://@client.example.test/cb', self::USERINFO ),
			'loopback with userinfo'       => array( 'http://user@127.0.0.1:8080/cb', self::USERINFO ),
			'custom scheme with userinfo'  => array( 'com.example.app://user@callback', self::USERINFO ),
			'https without host'           => array( 'https:///cb', 'The https redirect URI must name a host.' ),
			'https single slash'           => array( 'https:/client.example.test/cb', 'The https redirect URI must name a host.' ),
			'https no authority'           => array( 'https:client.example.test', 'The https redirect URI must name a host.' ),
			'http port only'               => array( 'http://:8080/cb', 'The http redirect URI must name a host.' ),
			'javascript'                   => array( 'javascript:alert(document.cookie)', 'The "javascript" scheme is not allowed.' ),
			'javascript mixed case'        => array( 'JavaScript:alert(1)', 'The "javascript" scheme is not allowed.' ),
			'data'                         => array( 'data:text/html,<script>alert(1)</script>', 'The "data" scheme is not allowed.' ),
			'vbscript'                     => array( 'vbscript:msgbox(1)', 'The "vbscript" scheme is not allowed.' ),
			'file'                         => array( 'file:///etc/passwd', 'The "file" scheme is not allowed.' ),
			'space'                        => array( 'https://client.example.test/a b', self::CONTROL ),
			'leading space'                => array( ' https://client.example.test/cb', self::CONTROL ),
			'trailing newline'             => array( "https://client.example.test/cb\n", self::CONTROL ),
			'tab'                          => array( "https://client.example.test/\tcb", self::CONTROL ),
			'NUL'                          => array( "https://client.example.test/cb\x00", self::CONTROL ),
			'DEL'                          => array( "https://client.example.test/cb\x7f", self::CONTROL ),
			'non-ASCII'                    => array( 'https://client.example.test/cäll', 'The redirect URI contains non-ASCII characters; percent-encode them.' ),
		);
	}

	/**
	 * @dataProvider refused
	 */
	public function test_refused_uris_say_why( string $uri, string $reason ): void {
		$this->assertSame( $reason, Redirect_Uri::registration_error( $uri ) );
	}

	public function test_exact_match(): void {
		$registered = array( 'https://a.example.test/cb', 'com.example.app:/cb' );

		$this->assertTrue( Redirect_Uri::matches( 'https://a.example.test/cb', $registered ) );
		$this->assertTrue( Redirect_Uri::matches( 'com.example.app:/cb', $registered ) );
	}

	/**
	 * @return array<string, array{string, string}>
	 */
	public function near_misses(): array {
		return array(
			'trailing slash added'   => array( 'https://a.example.test/cb', 'https://a.example.test/cb/' ),
			'trailing slash removed' => array( 'https://a.example.test/cb/', 'https://a.example.test/cb' ),
			'host case'              => array( 'https://a.example.test/cb', 'https://A.example.test/cb' ),
			'scheme case'            => array( 'https://a.example.test/cb', 'HTTPS://a.example.test/cb' ),
			'path case'              => array( 'https://a.example.test/cb', 'https://a.example.test/CB' ),
			'default port spelled'   => array( 'https://a.example.test/cb', 'https://a.example.test:443/cb' ),
			'query added'            => array( 'https://a.example.test/cb', 'https://a.example.test/cb?x=1' ),
			'query changed'          => array( 'https://a.example.test/cb?x=1', 'https://a.example.test/cb?x=2' ),
			'percent-encoding'       => array( 'https://a.example.test/c b', 'https://a.example.test/c%20b' ),
			'dot segment'            => array( 'https://a.example.test/cb', 'https://a.example.test/x/../cb' ),
			'sub-domain'             => array( 'https://a.example.test/cb', 'https://evil.a.example.test/cb' ),
			'prefix'                 => array( 'https://a.example.test/cb', 'https://a.example.test/cb2' ),
			'userinfo'               => array( 'https://a.example.test/cb', 'https://a.example.test@evil.test/cb' ),
			'no wildcard host'       => array( 'https://*.example.test/cb', 'https://a.example.test/cb' ),
			'no wildcard path'       => array( 'https://a.example.test/*', 'https://a.example.test/cb' ),
			'fragment appended'      => array( 'https://a.example.test/cb', 'https://a.example.test/cb#x' ),
			'https port differs'     => array( 'https://127.0.0.1:8443/cb', 'https://127.0.0.1:9443/cb' ),
			'localhost port differs' => array( 'http://localhost:3000/cb', 'http://localhost:4000/cb' ),
			'127.0.0.2 port differs' => array( 'http://127.0.0.2:3000/cb', 'http://127.0.0.2:4000/cb' ),
			'loopback path differs'  => array( 'http://127.0.0.1:3000/cb', 'http://127.0.0.1:3000/other' ),
			'loopback query differs' => array( 'http://127.0.0.1/cb?a=1', 'http://127.0.0.1:5000/cb?a=2' ),
			'IPv4 vs IPv6 loopback'  => array( 'http://127.0.0.1:3000/cb', 'http://[::1]:3000/cb' ),
			'loopback port 0'        => array( 'http://127.0.0.1/cb', 'http://127.0.0.1:0/cb' ),
			'loopback port too big'  => array( 'http://127.0.0.1/cb', 'http://127.0.0.1:65536/cb' ),
			'loopback empty port'    => array( 'http://127.0.0.1/cb', 'http://127.0.0.1:/cb' ),
			'loopback uppercase'     => array( 'http://127.0.0.1/cb', 'HTTP://127.0.0.1:5000/cb' ),
			'loopback as userinfo'   => array( 'http://127.0.0.1/cb', 'http://127.0.0.1:1@evil.test/cb' ),
		);
	}

	/**
	 * @dataProvider near_misses
	 */
	public function test_near_misses_do_not_match( string $registered, string $requested ): void {
		$this->assertFalse( Redirect_Uri::matches( $requested, array( $registered ) ) );
	}

	/**
	 * @return array<string, array{string, string}>
	 */
	public function loopback_port_changes(): array {
		return array(
			'127.0.0.1 other port'   => array( 'http://127.0.0.1:3000/cb', 'http://127.0.0.1:51004/cb' ),
			'127.0.0.1 port added'   => array( 'http://127.0.0.1/cb', 'http://127.0.0.1:51004/cb' ),
			'127.0.0.1 port removed' => array( 'http://127.0.0.1:3000/cb', 'http://127.0.0.1/cb' ),
			'127.0.0.1 no path'      => array( 'http://127.0.0.1', 'http://127.0.0.1:65535' ),
			'127.0.0.1 with query'   => array( 'http://127.0.0.1/cb?a=1', 'http://127.0.0.1:1/cb?a=1' ),
			'[::1] other port'       => array( 'http://[::1]:3000/cb', 'http://[::1]:8080/cb' ),
			'[::1] port added'       => array( 'http://[::1]/cb', 'http://[::1]:8080/cb' ),
		);
	}

	/**
	 * RFC 8252 §7.3.
	 *
	 * @dataProvider loopback_port_changes
	 */
	public function test_loopback_ip_literals_match_on_any_port( string $registered, string $requested ): void {
		$this->assertTrue( Redirect_Uri::matches( $requested, array( $registered ) ) );
	}

	public function test_nothing_matches_an_empty_registration(): void {
		$this->assertFalse( Redirect_Uri::matches( 'https://a.example.test/cb', array() ) );
		$this->assertFalse( Redirect_Uri::matches( '', array() ) );
		$this->assertFalse( Redirect_Uri::matches( '', array( 'https://a.example.test/cb' ) ) );
	}

	public function test_registered_entries_that_are_not_strings_are_ignored(): void {
		$this->assertFalse( Redirect_Uri::matches( '1', array( 1, null, array( '1' ) ) ) );
		$this->assertTrue( Redirect_Uri::matches( 'https://a.example.test/cb', array( null, 'https://a.example.test/cb' ) ) );
	}
}
