<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tests\Users;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Tests\Support\In_Memory_Users;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Users\Allowed_Users;
use Keystone_OIDC\Users\Site_Access;
use PHPUnit\Framework\TestCase;

final class Allowed_UsersTest extends TestCase {
	public function test_a_client_without_allowed_roles_admits_every_user(): void {
		$users = new In_Memory_Users();
		$user  = $users->add( 1, array() );
		$this->assertTrue( ( new Allowed_Users( $users ) )->may_sign_in( $user, new Client() ) );
	}

	public function test_a_client_with_allowed_roles_admits_only_users_holding_one(): void {
		$users                 = new In_Memory_Users();
		$client                = new Client();
		$client->allowed_roles = array( 'editor', 'author' );
		$allowed               = new Allowed_Users( $users );
		$this->assertTrue( $allowed->may_sign_in( $users->add( 1, array( 'subscriber', 'author' ) ), $client ) );
		$this->assertFalse( $allowed->may_sign_in( $users->add( 2, array( 'subscriber' ) ), $client ) );
		$this->assertFalse( $allowed->may_sign_in( $users->add( 3, array() ), $client ) );
	}

	public function test_find_gives_the_user_only_while_the_user_exists_and_is_admitted(): void {
		$users                 = new In_Memory_Users();
		$client                = new Client();
		$client->allowed_roles = array( 'editor' );
		$allowed               = new Allowed_Users( $users );
		$users->add( 1, array( 'editor' ) );
		$users->add( 2, array( 'subscriber' ) );
		$this->assertSame( 1, $allowed->find( 1, $client )->ID ?? null );
		$this->assertNull( $allowed->find( 2, $client ) );
		$this->assertNull( $allowed->find( 3, $client ) );
	}

	public function test_a_user_the_site_does_not_admit_is_refused_whatever_the_client_allows(): void {
		$users   = new In_Memory_Users();
		$member  = $users->add( 1, array( 'subscriber' ) );
		$other   = $users->add( 2, array() );
		$site    = new class() implements Site_Access {
			public function admits( \WP_User $user ): bool {
				return 1 === (int) $user->ID;
			}
		};
		$allowed = new Allowed_Users( $users, $site );
		$this->assertTrue( $allowed->may_sign_in( $member, new Client() ) );
		$this->assertFalse( $allowed->may_sign_in( $other, new Client() ) );
		$this->assertNull( $allowed->find( 2, new Client() ) );
		$this->expectException( OAuth_Error::class );
		$allowed->of_grant( 2, new Client() );
	}
}
