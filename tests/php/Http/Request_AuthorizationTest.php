<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Http;

use Keystone_OIDC\Http\Request;
use PHPUnit\Framework\TestCase;

/**
 * Where each web server leaves the Authorization header (bin/host-site.sh runs them end to end).
 */
final class Request_AuthorizationTest extends TestCase {
	public function test_the_header_as_php_fpm_behind_nginx_passes_it(): void {
		$this->assertSame( 'Bearer abc', Request::authorization( array( 'HTTP_AUTHORIZATION' => 'Bearer abc' ), array() ) );
	}

	/**
	 * Apache + php-fpm (proxy_fcgi) with WordPress's .htaccess: copied into the environment by the
	 * rewrite rule, renamed by the internal redirect to index.php.
	 */
	public function test_the_copy_apache_makes_before_its_internal_redirect(): void {
		$this->assertSame( 'Bearer abc', Request::authorization( array( 'REDIRECT_HTTP_AUTHORIZATION' => 'Bearer abc' ), array() ) );
	}

	public function test_the_header_itself_wins_over_the_copy(): void {
		$server = array(
			'HTTP_AUTHORIZATION'          => 'Bearer current',
			'REDIRECT_HTTP_AUTHORIZATION' => 'Bearer copied',
		);
		$this->assertSame( 'Bearer current', Request::authorization( $server, array() ) );
	}

	public function test_an_empty_copy_is_no_header(): void {
		$this->assertSame( 'Bearer abc', Request::authorization( array( 'REDIRECT_HTTP_AUTHORIZATION' => '' ), array( 'Authorization' => 'Bearer abc' ) ) );
	}

	/**
	 * mod_php: the server's header list has it under any spelling.
	 */
	public function test_the_server_header_list_in_any_case(): void {
		$this->assertSame( 'Bearer abc', Request::authorization( array(), array( 'AUTHORIZATION' => 'Bearer abc' ) ) );
		$this->assertSame( 'Bearer abc', Request::authorization( array(), array( 'authorization' => 'Bearer abc' ) ) );
	}

	/**
	 * PHP decodes Basic credentials and keeps only the two halves; the header comes back exact,
	 * even for a secret holding `:` and non-ASCII bytes.
	 */
	public function test_basic_credentials_rebuilt_from_php_auth(): void {
		$server = array(
			'PHP_AUTH_USER' => 'client',
			'PHP_AUTH_PW'   => 'se:cr%C3%A9t',
		);
		$this->assertSame( 'Basic ' . base64_encode( 'client:se:cr%C3%A9t' ), Request::authorization( $server, array() ) );
	}

	public function test_no_header_anywhere(): void {
		$this->assertNull( Request::authorization( array( 'HTTP_HOST' => 'example.test' ), array( 'Host' => 'example.test' ) ) );
	}
}
