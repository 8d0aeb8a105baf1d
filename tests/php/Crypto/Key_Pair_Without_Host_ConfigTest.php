<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Crypto;

use Keystone_OIDC\Crypto\Base64Url;
use PHPUnit\Framework\TestCase;

/**
 * Key generation where OpenSSL finds no configuration file of the host: PHP.wasm (WordPress
 * Playground) has none, and a host may set OPENSSL_CONF to a path that is gone. OpenSSL reads that
 * variable once per process, so the keys are made by a PHP process of their own with it set.
 */
final class Key_Pair_Without_Host_ConfigTest extends TestCase {
	/** @var array<string, mixed>|null */
	private static $result = null;

	/**
	 * @return array<string, mixed>
	 */
	private static function generate_without_host_config(): array {
		if ( null === self::$result ) {
			$missing = sys_get_temp_dir() . '/keystone-oidc-no-such-dir-' . bin2hex( random_bytes( 4 ) ) . '/openssl.cnf';
			$command = array( PHP_BINARY, __DIR__ . '/fixtures/generate-keys.php' );
			$env     = array_merge( getenv(), array( 'OPENSSL_CONF' => $missing ) );
			$process = proc_open( $command, array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes, null, $env );
			self::assertIsResource( $process );
			$stdout = (string) stream_get_contents( $pipes[1] );
			$stderr = (string) stream_get_contents( $pipes[2] );
			fclose( $pipes[1] );
			fclose( $pipes[2] );
			self::assertSame( 0, proc_close( $process ), $stdout . $stderr );
			self::assertSame( '', $stderr );
			$decoded = json_decode( $stdout, true );
			self::assertIsArray( $decoded, $stdout );
			self::assertSame( $missing, $decoded['openssl_conf'] );
			self::$result = $decoded;
		}
		return self::$result;
	}

	public function test_the_environment_really_leaves_openssl_without_a_configuration(): void {
		// Without this, the test below would pass on any host and prove nothing.
		$this->assertFalse( self::generate_without_host_config()['host_config_generates_keys'] );
	}

	public function test_an_rs256_key_is_made_anyway(): void {
		$jwk = self::generate_without_host_config()['keys']['RS256'];

		$this->assertIsArray( $jwk, (string) json_encode( $jwk ) );
		$this->assertSame( 'RSA', $jwk['kty'] );
		$this->assertSame( 'kid-RS256', $jwk['kid'] );
		$this->assertSame( 256, strlen( (string) Base64Url::decode( $jwk['n'] ) ) );
	}

	public function test_an_es256_key_is_made_anyway(): void {
		$jwk = self::generate_without_host_config()['keys']['ES256'];

		$this->assertIsArray( $jwk, (string) json_encode( $jwk ) );
		$this->assertSame( 'EC', $jwk['kty'] );
		$this->assertSame( 'P-256', $jwk['crv'] );
		$this->assertSame( 32, strlen( (string) Base64Url::decode( $jwk['x'] ) ) );
	}

	public function test_no_openssl_error_is_left_for_later_calls(): void {
		$this->assertFalse( self::generate_without_host_config()['errors_left'] );
	}
}
