<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Upgrade;

use Keystone_OIDC\Upgrade\V2_Client_Copy;
use PHPUnit\Framework\TestCase;

final class V2_Client_CopyTest extends TestCase {
	public function test_reads_the_json_list_2_3_1_wrote(): void {
		$this->assertSame(
			array( 'http://127.0.0.1:9/cb', 'https://app.example/callback' ),
			V2_Client_Copy::redirect_uris( '["http:\/\/127.0.0.1:9\/cb","https:\/\/app.example\/callback"]' )
		);
	}

	public function test_reads_one_uri_per_line_with_any_line_ending_and_drops_blank_and_repeated_lines(): void {
		$this->assertSame(
			array( 'https://a.example/cb', 'https://b.example/cb', 'myapp://callback' ),
			V2_Client_Copy::redirect_uris( "https://a.example/cb\r\n\r\n  https://b.example/cb  \rmyapp://callback\nhttps://a.example/cb\n" )
		);
	}

	public function test_leaves_out_what_is_not_a_string(): void {
		$this->assertSame( array( 'https://a.example/cb' ), V2_Client_Copy::redirect_uris( '["https://a.example/cb", 7, null, ""]' ) );
		$this->assertSame( array(), V2_Client_Copy::redirect_uris( '' ) );
	}
}
