<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Resource;

use Keystone_OIDC\Resource\Bearer_Authentication;
use Keystone_OIDC\Tests\Support\Fixed_Clock;
use Keystone_OIDC\Tests\Support\In_Memory_Token_Store;
use Keystone_OIDC\Tokens\Token_Lookup;
use PHPUnit\Framework\TestCase;

/**
 * The challenges of a request no token authenticated (token verification itself needs WordPress
 * and is tested end to end in `tests/e2e/resource-server/`).
 */
final class Bearer_AuthenticationTest extends TestCase {
	const METADATA = 'https://site.test/.well-known/oauth-protected-resource/wp-json';

	private static function authentication(): Bearer_Authentication {
		return new Bearer_Authentication( new Token_Lookup( new In_Memory_Token_Store( new Fixed_Clock( 1700000000 ) ) ), 'https://site.test/wp-json/', self::METADATA );
	}

	public function test_a_401_without_credentials_names_the_metadata_and_the_scope_to_ask_for(): void {
		$this->assertSame(
			'Bearer resource_metadata="' . self::METADATA . '", scope="openid wordpress:write"',
			self::authentication()->challenge( 401, false, 'wordpress:write' )
		);
	}

	public function test_no_challenge_is_added_for_other_credentials_or_statuses(): void {
		$authentication = self::authentication();
		$this->assertNull( $authentication->challenge( 401, true, 'wordpress:read' ), 'Basic credentials keep their own answer' );
		$this->assertNull( $authentication->challenge( 403, false, 'wordpress:read' ), 'a 403 not caused by a scope' );
		$this->assertNull( $authentication->challenge( 404, false, 'wordpress:read' ) );
	}

	public function test_without_an_authenticated_token_nothing_is_refused_for_scope(): void {
		$this->assertTrue( self::authentication()->allows( 'wordpress:write' ) );
	}
}
