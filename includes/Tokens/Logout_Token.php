<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Clock;
use Keystone_OIDC\Config;
use Keystone_OIDC\Container;
use Keystone_OIDC\Crypto\Jws;
use Keystone_OIDC\Crypto\Random;

/**
 * The logout token of OpenID Connect Back-Channel Logout 1.0 §2.4: a JWT typed `logout+jwt` (so
 * it can never pass for an ID token), signed like the client's ID tokens, naming the user and the
 * session that ended, with the back-channel logout event and never a `nonce`.
 */
final class Logout_Token {
	const EVENT = 'http://schemas.openid.net/event/backchannel-logout';

	const TYP = 'logout+jwt';

	/**
	 * Seconds a logout token is valid: it is delivered at once, so only clock skew needs room.
	 */
	const LIFETIME = 120;

	public static function issue( Client $client, int $user_id, string $sid ): string {
		$now = Clock::now();
		return Jws::sign(
			array(
				'iss'    => Config::issuer(),
				'aud'    => $client->client_id,
				'iat'    => $now,
				'exp'    => $now + self::LIFETIME,
				'jti'    => Random::token( 16 ),
				'sub'    => (string) $user_id,
				'sid'    => $sid,
				'events' => array( self::EVENT => new \stdClass() ),
			),
			Container::site()->key_store()->current( $client->id_token_signed_response_alg ),
			self::TYP
		);
	}
}
