<?php
declare(strict_types=1);

namespace Keystone_OIDC\Test_Sign_In;

use Keystone_OIDC\Crypto\Base64Url;

/**
 * The PKCE verifier of a test, derived from its `state` with a key of the site (HMAC-SHA-256), so
 * no verifier is stored anywhere: only the browser holding the state and this site can make it,
 * and the state alone (seen in the URL) does not give it away.
 */
final class Test_Verifier {
	/** @var string */
	private $key;

	/**
	 * @param string $key A secret of the site (`wp_salt( 'auth' )`).
	 */
	public function __construct( string $key ) {
		$this->key = $key;
	}

	/** 43 base64url characters: a valid RFC 7636 verifier. */
	public function for_state( string $state ): string {
		return Base64Url::encode( hash_hmac( 'sha256', 'keystone-oidc test sign-in pkce|' . $state, $this->key, true ) );
	}

	/** The S256 challenge of that verifier (RFC 7636 §4.2). */
	public function challenge( string $state ): string {
		return Base64Url::encode( hash( 'sha256', $this->for_state( $state ), true ) );
	}
}
