<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

use Keystone_OIDC\Config;
use Keystone_OIDC\Container;
use Keystone_OIDC\Http\OAuth_Error;
use Keystone_OIDC\Jwt\Jwt_Error;
use Keystone_OIDC\Jwt\Verify_Options;
use Keystone_OIDC\Keys\Key_Store;

/**
 * An `id_token_hint` (OIDC Core §3.1.2.1, RP-Initiated Logout §2): an ID token this provider
 * issued, checked by signature against the published keys and by issuer. Its expiry is not
 * checked: a relying party typically sends the hint after the token expired, which both specs
 * allow. Access and logout tokens are refused by their `typ`. Any failure is `invalid_request`.
 */
final class Id_Token_Hint {
	/** @var string */
	public $subject;

	/** @var string[] */
	public $audiences;

	/** @var string|null The client it was issued to (`azp`, or the only audience). */
	public $client_id;

	/** @var string|null */
	public $sid;

	/**
	 * @param string[] $audiences
	 */
	private function __construct( string $subject, array $audiences, ?string $client_id, ?string $sid ) {
		$this->subject   = $subject;
		$this->audiences = $audiences;
		$this->client_id = $client_id;
		$this->sid       = $sid;
	}

	public static function verify( string $hint ): self {
		$container = Container::site();
		try {
			$claims = $container->jwt_verifier()->verify( $hint, $container->key_store(), self::options() );
		} catch ( Jwt_Error $unverified ) {
			throw self::invalid();
		}
		$subject   = $claims['sub'];
		$audiences = isset( $claims['aud'] ) && is_string( $claims['aud'] ) ? array( $claims['aud'] ) : ( $claims['aud'] ?? null );
		if ( ! is_array( $audiences ) || array() === $audiences ) {
			throw self::invalid();
		}
		foreach ( $audiences as $audience ) {
			if ( ! is_string( $audience ) ) {
				throw self::invalid();
			}
		}
		$azp       = isset( $claims['azp'] ) && is_string( $claims['azp'] ) ? $claims['azp'] : null;
		$client_id = $azp ?? ( 1 === count( $audiences ) ? $audiences[0] : null );
		$sid       = isset( $claims['sid'] ) && is_string( $claims['sid'] ) ? $claims['sid'] : null;
		return new self( $subject, array_values( $audiences ), $client_id, $sid );
	}

	/**
	 * An ID token (`typ` `JWT`, or none: the default, RFC 7519 §5.1) of this issuer, signed with one
	 * of the algorithms ID tokens are signed with, expired or not.
	 */
	private static function options(): Verify_Options {
		return Verify_Options::allowing( ...Key_Store::ALGORITHMS )
			->with_typ( 'JWT', true )
			->with_issuer( Config::issuer() )
			->with_string_claims( 'sub' )
			->accepting_expired();
	}

	public function is_for_user( \WP_User $user ): bool {
		return $user->exists() && (string) $user->ID === $this->subject;
	}

	private static function invalid(): OAuth_Error {
		return OAuth_Error::invalid_request( 'id_token_hint is not a valid ID token issued by this provider' );
	}
}
