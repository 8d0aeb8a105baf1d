<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Config;
use Keystone_OIDC\Http\Method_Guard;
use Keystone_OIDC\Http\Request;
use Keystone_OIDC\Http\Responder;
use Keystone_OIDC\Keys\Key_Store;
use Keystone_OIDC\Registration\Registration_Settings;
use Keystone_OIDC\Tokens\Claim_Map;
use Keystone_OIDC\Tokens\Claims;

/**
 * OpenID Connect Discovery 1.0 §4 and RFC 8414: one document at all three paths, announcing exactly
 * what is implemented. Built from configuration alone (no key, no query), so it costs no more than
 * the rewrite lookup that led here.
 */
final class Discovery implements Endpoint {
	const MAX_AGE = 3600;

	public function handle( Request $request, string $name ): void {
		if ( ! Method_Guard::allow( $request, array( 'GET', 'HEAD' ) ) ) {
			return;
		}
		Responder::public_json( $request, self::metadata(), self::MAX_AGE );
	}

	/**
	 * The provider metadata. Filter `keystone_oidc_discovery` lets later features announce their
	 * endpoints; the contract's fields are set again afterwards so a filter cannot change them.
	 *
	 * @return array<string,mixed>
	 */
	public static function metadata(): array {
		$contract = array(
			'issuer'                                => Config::issuer(),
			'authorization_endpoint'                => Router::url( 'authorize' ),
			'token_endpoint'                        => Router::url( 'token' ),
			'userinfo_endpoint'                     => Router::url( 'userinfo' ),
			'jwks_uri'                              => Router::url( 'jwks' ),
			'scopes_supported'                      => Config::supported_scopes(),
			'response_types_supported'              => array( 'code' ),
			'response_modes_supported'              => array( 'query', 'form_post' ),
			'grant_types_supported'                 => array( 'authorization_code', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:device_code' ),
			'subject_types_supported'               => array( 'public' ),
			'id_token_signing_alg_values_supported' => Key_Store::ALGORITHMS,
			'token_endpoint_auth_methods_supported' => array( 'client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none' ),
			'code_challenge_methods_supported'      => array( 'S256' ),
			'claims_supported'                      => array_values( array_unique( array_merge( Claims::supported(), Claim_Map::names() ) ) ),
		);
		$extra    = array(
			'prompt_values_supported'                       => array( 'none', 'login', 'consent' ),
			'claims_parameter_supported'                    => false,
			'request_parameter_supported'                   => false,
			'request_uri_parameter_supported'               => false,
			'require_request_uri_registration'              => false,
			'authorization_response_iss_parameter_supported' => true,
			'revocation_endpoint'                           => Router::url( 'revocation' ),
			'revocation_endpoint_auth_methods_supported'    => array( 'client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none' ),
			'introspection_endpoint'                        => Router::url( 'introspection' ),
			'introspection_endpoint_auth_methods_supported' => array( 'client_secret_basic', 'client_secret_post', 'private_key_jwt' ),
			// client_secret_jwt is not offered (secrets are kept only as hashes), so no HMAC here.
			'token_endpoint_auth_signing_alg_values_supported' => Client_Assertion::ALGORITHMS,
			'revocation_endpoint_auth_signing_alg_values_supported' => Client_Assertion::ALGORITHMS,
			'introspection_endpoint_auth_signing_alg_values_supported' => Client_Assertion::ALGORITHMS,
			'end_session_endpoint'                          => Router::url( 'end-session' ),
			'device_authorization_endpoint'                 => Router::url( 'device-authorization' ),
			'frontchannel_logout_supported'                 => false,
			'backchannel_logout_supported'                  => true,
			'backchannel_logout_session_supported'          => true,
		);
		if ( Registration_Settings::MODE_OFF !== Registration_Settings::mode() ) {
			$extra['registration_endpoint'] = Router::url( 'registration' );
		}
		$filtered = apply_filters( 'keystone_oidc_discovery', array_merge( $contract, $extra ) );
		return array_merge( is_array( $filtered ) ? $filtered : array(), $contract );
	}
}
