<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Clock;
use Keystone_OIDC\Config;
use Keystone_OIDC\Container;
use Keystone_OIDC\Crypto\Random;
use Keystone_OIDC\Crypto\Secret_Hash;
use Keystone_OIDC\Endpoints\Authorization_Request;
use Keystone_OIDC\Models\Code;
use Keystone_OIDC\Sessions\Session_Id;

/**
 * Issues an authorization code (RFC 6749 §4.1.2): random, single use, short-lived, stored only as
 * its hash together with everything the token endpoint must check it against. Each code starts a
 * new grant family.
 */
final class Code_Issuer {
	public static function issue( Authorization_Request $request, int $user_id, int $auth_time ): string {
		$code = Random::token( 32 );
		$now  = Clock::now();
		Container::site()->code_store()->insert(
			Code::from_row(
				array(
					'code_hash'             => Secret_Hash::hash( $code ),
					'client_id'             => $request->client->client_id,
					'user_id'               => $user_id,
					'redirect_uri'          => $request->redirect_uri,
					'scope'                 => Scope::to_string( $request->scopes ),
					'nonce'                 => $request->nonce,
					'code_challenge'        => $request->code_challenge,
					'code_challenge_method' => $request->code_challenge_method,
					'auth_time'             => $auth_time,
					'grant_id'              => Random::hex( 16 ),
					'data'                  => array_merge( array( 'resources' => $request->resources ), self::session_data() ),
					'expires_at'            => $now + Config::lifetime( 'code' ),
					'created_at'            => $now,
				)
			)
		);
		return $code;
	}

	/**
	 * The WordPress session the code is issued in, carried on to every token of its grant.
	 *
	 * @return array<string,string>
	 */
	private static function session_data(): array {
		$sid = Session_Id::current();
		return null === $sid ? array() : array( 'sid' => $sid );
	}
}
