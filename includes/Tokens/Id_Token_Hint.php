<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

use Keystone_OIDC\Config;
use Keystone_OIDC\Crypto\Jws;
use Keystone_OIDC\Http\OAuth_Error;
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
		$decoded = Jws::decode_unverified( $hint );
		$typ     = $decoded['header']['typ'] ?? 'JWT';
		if ( null === $decoded || ! is_string( $typ ) || 'jwt' !== strtolower( $typ ) ) {
			throw self::invalid();
		}
		$claims = Jws::verify( $hint, Key_Store::instance()->public_jwks()['keys'], Key_Store::ALGORITHMS );
		if ( null === $claims || Config::issuer() !== ( $claims['iss'] ?? null ) ) {
			throw self::invalid();
		}
		$subject   = $claims['sub'] ?? null;
		$audiences = isset( $claims['aud'] ) && is_string( $claims['aud'] ) ? array( $claims['aud'] ) : ( $claims['aud'] ?? null );
		if ( ! is_string( $subject ) || '' === $subject || ! is_array( $audiences ) || array() === $audiences ) {
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

	public function is_for_user( \WP_User $user ): bool {
		return $user->exists() && (string) $user->ID === $this->subject;
	}

	private static function invalid(): OAuth_Error {
		return OAuth_Error::invalid_request( 'id_token_hint is not a valid ID token issued by this provider' );
	}
}
