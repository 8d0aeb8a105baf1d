<?php
declare(strict_types=1);

namespace Keystone_OIDC\Registration;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * Who may register a client and what such a client may be. Pure: the endpoint hands it the
 * settings, the client as `Client_Input` would save it, and how many open registrations exist.
 *
 * Open registration (`loopback`) is what MCP clients and native apps expect (RFC 8252): anyone may
 * register, so only clients that cannot be used to phish a secret out of anybody are admitted:
 * public (no secret, `token_endpoint_auth_method` `none`, PKCE required as for every public
 * client), the code flow only, redirect URIs on a loopback interface over http or on a private-use
 * scheme. A registration made with an initial access token (`token`) is trusted as far as the
 * admin screens are: every `Client_Input` rule, confidential clients allowed.
 */
final class Registration_Policy {
	/** Grants an open registration may ask for. */
	const OPEN_GRANTS = array( Client::GRANT_AUTHORIZATION_CODE, Client::GRANT_REFRESH_TOKEN );

	/** @var string */
	private $mode;

	/** @var int */
	private $open_limit;

	/**
	 * @param string $mode       One of `Registration_Settings::MODES`.
	 * @param int    $open_limit How many openly registered clients may exist at once.
	 */
	public function __construct( string $mode, int $open_limit ) {
		$this->mode       = $mode;
		$this->open_limit = $open_limit;
	}

	public function mode(): string {
		return $this->mode;
	}

	/**
	 * Whether this registration needs an initial access token, after refusing it when
	 * registration is off or open registration is full.
	 */
	public function requires_initial_token( int $open_count ): bool {
		if ( Registration_Settings::MODE_OFF === $this->mode ) {
			throw OAuth_Error::access_denied( 'Dynamic client registration is off on this site; ask its administrator to register the client.' );
		}
		if ( Registration_Settings::MODE_TOKEN === $this->mode ) {
			return true;
		}
		if ( $open_count >= $this->open_limit ) {
			throw OAuth_Error::access_denied( sprintf( 'Open registration is full (%d clients); ask the site\'s administrator.', $this->open_limit ) );
		}
		return false;
	}

	/**
	 * The rules of open registration, on a client `Client_Input` accepted.
	 */
	public static function check_open( Client $client ): void {
		if ( ! $client->is_public() || Client::AUTH_NONE !== $client->token_endpoint_auth_method ) {
			throw Client_Metadata::invalid_metadata( 'Open registration admits only public clients: token_endpoint_auth_method must be "none".' );
		}
		$extra = array_diff( $client->grant_types, self::OPEN_GRANTS );
		if ( array() !== $extra ) {
			throw Client_Metadata::invalid_metadata( 'Open registration admits only the grant types ' . implode( ', ', self::OPEN_GRANTS ) . '; not ' . implode( ', ', $extra ) . '.' );
		}
		foreach ( $client->redirect_uris as $uri ) {
			if ( ! self::is_native_redirect( $uri ) ) {
				throw new OAuth_Error( 'invalid_redirect_uri', sprintf( 'Open registration admits only loopback (http://127.0.0.1, http://[::1], http://localhost) and private-use scheme redirect URIs; not "%s".', $uri ) );
			}
		}
	}

	/**
	 * RFC 8252 §7.1 and §7.3. Only called on URIs `Client_Input` accepted, where plain http is
	 * already limited to loopback hosts: what remains to refuse is https, whose redirect lands on a
	 * web site anyone may name.
	 */
	public static function is_native_redirect( string $uri ): bool {
		return 1 !== preg_match( '~^https:~i', $uri );
	}
}
