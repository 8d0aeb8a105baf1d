<?php
declare(strict_types=1);

namespace Keystone_OIDC\Grants;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * The user behind a grant must still exist and still be allowed to sign in to the client: a
 * deleted account or a role taken away ends what was granted before.
 */
final class User_Check {
	public static function signed_in_user( int $user_id, Client $client ): \WP_User {
		$user = get_userdata( $user_id );
		if ( ! $user instanceof \WP_User ) {
			throw OAuth_Error::invalid_grant( 'The user of this grant no longer exists' );
		}
		if ( ! $client->allows_roles( (array) $user->roles ) ) {
			throw OAuth_Error::invalid_grant( 'The user of this grant may no longer sign in to this client' );
		}
		return $user;
	}
}
