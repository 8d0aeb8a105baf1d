<?php
declare(strict_types=1);

namespace Keystone_OIDC\Http;

/**
 * Client credentials from an `Authorization: Basic` header. RFC 6749 §2.3.1: the client ID and
 * secret are form-urlencoded before they are joined with `:` and base64-encoded, so both are
 * decoded again here (a secret containing `:` or `%` arrives intact).
 */
final class Basic_Credentials {
	/** @var string */
	public $client_id;

	/** @var string */
	public $client_secret;

	private function __construct( string $client_id, string $client_secret ) {
		$this->client_id     = $client_id;
		$this->client_secret = $client_secret;
	}

	public static function is_basic( ?string $authorization ): bool {
		return null !== $authorization && 1 === preg_match( '/^Basic(\s|$)/i', $authorization );
	}

	/**
	 * @throws OAuth_Error invalid_client when the header is not well-formed Basic credentials.
	 */
	public static function parse( string $authorization ): self {
		if ( 1 !== preg_match( '/^Basic\s+([A-Za-z0-9+\/]+={0,2})\s*$/i', $authorization, $match ) ) {
			throw OAuth_Error::invalid_client( 'Malformed Basic authorization header' );
		}
		$decoded = base64_decode( $match[1], true );
		if ( false === $decoded || false === strpos( $decoded, ':' ) ) {
			throw OAuth_Error::invalid_client( 'Malformed Basic authorization header' );
		}
		list( $id, $secret ) = explode( ':', $decoded, 2 );
		$client_id           = urldecode( $id );
		$client_secret       = urldecode( $secret );
		if ( '' === $client_id || 1 !== preg_match( '//u', $client_id . $client_secret ) ) {
			throw OAuth_Error::invalid_client( 'Malformed Basic authorization header' );
		}
		return new self( $client_id, $client_secret );
	}
}
