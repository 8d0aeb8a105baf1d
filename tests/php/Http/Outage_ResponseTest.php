<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Http;

use Keystone_OIDC\Http\Outage_Dropin;
use Keystone_OIDC\Http\Outage_Response;
use PHPUnit\Framework\TestCase;

final class Outage_ResponseTest extends TestCase {
	public function test_every_endpoint_is_recognised_with_and_without_a_trailing_slash(): void {
		$this->assertSame( 'token', Outage_Response::endpoint( '/wenisch-tech/keystone-oidc/oauth/token' ) );
		$this->assertSame( 'token', Outage_Response::endpoint( '/wenisch-tech/keystone-oidc/oauth/token/' ) );
		$this->assertSame( 'authorize', Outage_Response::endpoint( '/wenisch-tech/keystone-oidc/oauth/authorize?client_id=x&state=y' ) );
		$this->assertSame( 'userinfo', Outage_Response::endpoint( '/wenisch-tech/keystone-oidc/oauth/userinfo' ) );
		$this->assertSame( 'jwks', Outage_Response::endpoint( '/wenisch-tech/keystone-oidc/oauth/jwks/' ) );
		$this->assertSame( 'as-metadata', Outage_Response::endpoint( '/.well-known/oauth-authorization-server' ) );
		$this->assertNotNull( Outage_Response::endpoint( '/wenisch-tech/keystone-oidc/.well-known/openid-configuration' ) );
	}

	public function test_a_site_in_a_subfolder_and_plain_permalinks_are_recognised(): void {
		$this->assertSame( 'token', Outage_Response::endpoint( '/blog/wenisch-tech/keystone-oidc/oauth/token' ) );
		$this->assertSame( 'token', Outage_Response::endpoint( '/index.php/wenisch-tech/keystone-oidc/oauth/token' ) );
		$this->assertSame( 'userinfo', Outage_Response::endpoint( '/?keystone_oidc=userinfo' ) );
	}

	public function test_other_addresses_are_left_to_wordpress(): void {
		$this->assertNull( Outage_Response::endpoint( '/' ) );
		$this->assertNull( Outage_Response::endpoint( '/wp-login.php' ) );
		$this->assertNull( Outage_Response::endpoint( '/wenisch-tech/keystone-oidc/oauth/tokens' ) );
		$this->assertNull( Outage_Response::endpoint( '/wenisch-tech/keystone-oidc/oauth/token/extra' ) );
		$this->assertNull( Outage_Response::endpoint( '/?keystone_oidc=nothing' ) );
		$this->assertNull( Outage_Response::endpoint( '/?keystone_oidc[]=token' ) );
		$this->assertNull( Outage_Response::endpoint( '' ) );
	}

	public function test_the_dropin_is_valid_php_that_names_the_plugin_and_falls_back_to_wordpress(): void {
		$source = Outage_Dropin::content( "/srv/it's here/includes" );
		$this->assertStringContainsString( Outage_Dropin::MARKER, substr( $source, 0, 512 ) );
		$this->assertStringContainsString( "\$keystone_oidc_includes = '/srv/it\\'s here/includes';", $source );
		$this->assertStringContainsString( "if ( ! defined( 'ABSPATH' ) ) {", $source );
		$this->assertStringContainsString( "wp_die( '<h1>' . __( 'Error establishing a database connection' ) . '</h1>', __( 'Database Error' ) );", $source );
		$file = tempnam( sys_get_temp_dir(), 'dropin' );
		file_put_contents( $file, $source );
		exec( 'php -l ' . escapeshellarg( $file ) . ' 2>&1', $output, $status );
		unlink( $file );
		$this->assertSame( 0, $status, implode( "\n", $output ) );
	}
}
