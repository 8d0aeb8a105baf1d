<?php
declare(strict_types=1);

namespace Keystone_OIDC\Registration;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Http\OAuth_Error;
use WP_Error;

/**
 * RFC 7591 §2 client metadata, translated to and from a `ClientInput`, so a registered client
 * passes exactly the rules a client made on the admin screens passes (`Client_Input`). Metadata
 * this provider does not understand is ignored (§2); fields that only an administrator may set
 * (`skip_consent`, `allowed_roles`, `audiences`, `rest_access`…) are not metadata and never read.
 */
final class Client_Metadata {
	/** Metadata with the same name and meaning in a `ClientInput`. */
	const SAME_NAME = array( 'redirect_uris', 'grant_types', 'token_endpoint_auth_method', 'jwks', 'jwks_uri', 'post_logout_redirect_uris', 'backchannel_logout_uri', 'id_token_signed_response_alg' );

	const DEFAULT_NAME = 'Dynamically registered client';

	/** RFC 7591 §2: without `grant_types`, the code grant alone. */
	const DEFAULT_GRANTS = array( Client::GRANT_AUTHORIZATION_CODE );

	/**
	 * @param array<string,mixed> $metadata    The registration request.
	 * @param string              $auth_method `token_endpoint_auth_method` when the request names none.
	 * @param string              $rest_access The REST access the administrator gives dynamic clients.
	 * @return array<string,mixed> A full `ClientInput`.
	 */
	public static function to_input( array $metadata, string $auth_method, string $rest_access ): array {
		$input = array(
			'name'        => self::DEFAULT_NAME,
			'grant_types' => self::DEFAULT_GRANTS,
			// Every dynamic client asks the user: none is a first party the administrator vouched for.
			'skip_consent' => false,
			'rest_access'  => $rest_access,
		);
		foreach ( self::SAME_NAME as $field ) {
			if ( array_key_exists( $field, $metadata ) ) {
				$input[ $field ] = $metadata[ $field ];
			}
		}
		if ( ! array_key_exists( 'redirect_uris', $input ) ) {
			$input['redirect_uris'] = array();
		}
		if ( array_key_exists( 'client_name', $metadata ) ) {
			$input['name'] = $metadata['client_name'];
		}
		if ( array_key_exists( 'scope', $metadata ) ) {
			if ( ! is_string( $metadata['scope'] ) ) {
				throw self::invalid_metadata( 'scope must be a string of space-separated scope names.' );
			}
			$input['scopes'] = array_values( array_filter( explode( ' ', $metadata['scope'] ), 'strlen' ) );
		}
		$method                              = $input['token_endpoint_auth_method'] ?? $auth_method;
		$input['token_endpoint_auth_method'] = $method;
		$input['type']                       = Client::AUTH_NONE === $method ? Client::TYPE_PUBLIC : Client::TYPE_CONFIDENTIAL;
		self::check_response_types( $metadata, $input['grant_types'] );
		return $input;
	}

	/**
	 * RFC 7591 §2.1: `response_types` and `grant_types` must agree; this provider has the code
	 * response type alone.
	 *
	 * @param array<string,mixed> $metadata
	 * @param mixed               $grant_types
	 */
	private static function check_response_types( array $metadata, $grant_types ): void {
		if ( ! array_key_exists( 'response_types', $metadata ) ) {
			return;
		}
		$types = $metadata['response_types'];
		if ( ! is_array( $types ) || array_values( $types ) !== $types ) {
			throw self::invalid_metadata( 'response_types must be a list.' );
		}
		if ( array() !== array_diff( $types, array( 'code' ) ) ) {
			throw self::invalid_metadata( 'The only supported response type is "code".' );
		}
		$code_flow = is_array( $grant_types ) && in_array( Client::GRANT_AUTHORIZATION_CODE, $grant_types, true );
		if ( $code_flow !== in_array( 'code', $types, true ) ) {
			throw self::invalid_metadata( 'response_types "code" goes with grant_types "authorization_code", and only with it.' );
		}
	}

	/**
	 * The client's registered metadata (RFC 7591 §3.2.1), without any credential.
	 *
	 * @return array<string,mixed>
	 */
	public static function from_client( Client $client ): array {
		$metadata = array(
			'client_id'                    => $client->client_id,
			'client_name'                  => $client->name,
			'redirect_uris'                => array_values( $client->redirect_uris ),
			'grant_types'                  => array_values( $client->grant_types ),
			'response_types'               => $client->allows_grant( Client::GRANT_AUTHORIZATION_CODE ) ? array( 'code' ) : array(),
			'token_endpoint_auth_method'   => $client->token_endpoint_auth_method,
			// The REST API's scopes only as far as the client's `rest_access` lets it have them.
			'scope'                        => implode( ' ', array_filter( $client->scopes, array( $client, 'allows_scope' ) ) ),
			'id_token_signed_response_alg' => $client->id_token_signed_response_alg,
		);
		if ( array() !== $client->post_logout_redirect_uris ) {
			$metadata['post_logout_redirect_uris'] = array_values( $client->post_logout_redirect_uris );
		}
		if ( '' !== $client->backchannel_logout_uri ) {
			$metadata['backchannel_logout_uri'] = $client->backchannel_logout_uri;
		}
		if ( null !== $client->jwks ) {
			$metadata['jwks'] = $client->jwks;
		}
		if ( '' !== $client->jwks_uri ) {
			$metadata['jwks_uri'] = $client->jwks_uri;
		}
		return $metadata;
	}

	/**
	 * A `Client_Input` refusal as RFC 7591 §3.2.2 names it: a redirect URI problem is
	 * `invalid_redirect_uri`, anything else `invalid_client_metadata`; the description is the
	 * rule's own message.
	 */
	public static function error_from( WP_Error $error ): OAuth_Error {
		$description = wp_strip_all_tags( $error->get_error_message() );
		if ( 'keystone_oidc_invalid_redirect_uri' === $error->get_error_code() ) {
			return new OAuth_Error( 'invalid_redirect_uri', $description );
		}
		return self::invalid_metadata( $description );
	}

	public static function invalid_metadata( string $description ): OAuth_Error {
		return new OAuth_Error( 'invalid_client_metadata', $description );
	}
}
