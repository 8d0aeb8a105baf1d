<?php
declare(strict_types=1);

namespace Keystone_OIDC\Users;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * Who may sign in to a client: a user the site admits (on a multisite network, a member of the
 * site: `Site_Access`) whose roles on this site the client's `allowed_roles` admit (all roles
 * when it names none). Asked when the user signs in and consents, and again whenever something
 * granted earlier is used (a code, a refresh token, an access token), so that a deleted account or
 * a role taken away ends what was granted before.
 */
final class Allowed_Users {
	/** @var User_Directory */
	private $users;

	/** @var Site_Access|null */
	private $site;

	/**
	 * @param Site_Access|null $site Null on a single site, where every user belongs.
	 */
	public function __construct( User_Directory $users, ?Site_Access $site = null ) {
		$this->users = $users;
		$this->site  = $site;
	}

	public function may_sign_in( \WP_User $user, Client $client ): bool {
		if ( null !== $this->site && ! $this->site->admits( $user ) ) {
			return false;
		}
		return $client->allows_roles( (array) $user->roles );
	}

	/**
	 * The user of a grant while the grant may still be used, or null.
	 */
	public function find( int $user_id, Client $client ): ?\WP_User {
		$user = $this->users->find( $user_id );
		return null !== $user && $this->may_sign_in( $user, $client ) ? $user : null;
	}

	/**
	 * The user of a grant being redeemed at the token endpoint, or the grant's `invalid_grant`.
	 */
	public function of_grant( int $user_id, Client $client ): \WP_User {
		$user = $this->users->find( $user_id );
		if ( null === $user ) {
			throw OAuth_Error::invalid_grant( 'The user of this grant no longer exists' );
		}
		if ( ! $this->may_sign_in( $user, $client ) ) {
			throw OAuth_Error::invalid_grant( 'The user of this grant may no longer sign in to this client' );
		}
		return $user;
	}
}
