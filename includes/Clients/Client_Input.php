<?php
declare(strict_types=1);

namespace Keystone_OIDC\Clients;

use Keystone_OIDC\Checks\Redirect_Uri;
use Keystone_OIDC\Checks\Resource_Indicator;
use Keystone_OIDC\Config;
use Keystone_OIDC\Http\Outbound;
use Keystone_OIDC\Storage\Client_Repository;
use WP_Error;

/**
 * Validates a `ClientInput` and applies it to a client. Every rule fails with a stable
 * `keystone_oidc_*` code and status 400; the message names the offending value.
 */
final class Client_Input {
	const NAME_MAX = 200;

	const DEFAULT_SCOPES = array( 'openid', 'profile', 'email' );

	/** The fields with a column of their own; the rest are `Client_Repository::SETTINGS_FIELDS`. */
	const COLUMN_FIELDS = array( 'name', 'type', 'redirect_uris', 'scopes' );

	/**
	 * Every field a `ClientInput` may carry.
	 *
	 * @return string[]
	 */
	public static function fields(): array {
		return array_merge( self::COLUMN_FIELDS, Client_Repository::SETTINGS_FIELDS );
	}

	const SIGNING_ALGORITHMS = array( 'RS256', 'ES256' );

	const JWKS_MAX_KEYS = 10;

	const JWKS_MAX_BYTES = 16384;

	/**
	 * Applies the given fields to a copy of `$base`. A full input (POST, PUT) must carry `name` and
	 * `redirect_uris`, and every other field it leaves out returns to its default, except `type`,
	 * which changes only when asked (it decides whether the client has a secret); a partial input
	 * (PATCH) changes only what it carries.
	 *
	 * @param array<string,mixed> $input Only the fields the request carried.
	 * @return Client|WP_Error
	 */
	public static function apply( array $input, Client $base, bool $partial ) {
		$client = $partial ? clone $base : self::with_defaults( $base );

		if ( ! $partial ) {
			if ( ! array_key_exists( 'name', $input ) ) {
				return self::error( 'keystone_oidc_invalid_name', __( 'A client name is required.', 'keystone-oidc' ) );
			}
		}

		foreach ( self::fields() as $field ) {
			if ( ! array_key_exists( $field, $input ) ) {
				continue;
			}
			$value = self::validate( $field, $input[ $field ] );
			if ( $value instanceof WP_Error ) {
				return $value;
			}
			$client->$field = $value;
		}
		return self::consistent( $client, $input );
	}

	/**
	 * The rules between fields, checked on the client as it would be saved.
	 *
	 * @param array<string,mixed> $input
	 * @return Client|WP_Error
	 */
	private static function consistent( Client $client, array $input ) {
		$client = self::grants_in_step( $client, $input );
		if ( $client instanceof WP_Error ) {
			return $client;
		}
		if ( array() === $client->redirect_uris && $client->allows_grant( Client::GRANT_AUTHORIZATION_CODE ) ) {
			return self::error( 'keystone_oidc_invalid_redirect_uri', __( 'At least one redirect URI is required.', 'keystone-oidc' ) );
		}
		if ( $client->is_public() && $client->allows_grant( Client::GRANT_CLIENT_CREDENTIALS ) ) {
			return self::field_error( 'grant_types', __( 'client_credentials is only for confidential clients: a public client cannot prove who it is.', 'keystone-oidc' ) );
		}

		$method_given = array_key_exists( 'token_endpoint_auth_method', $input );
		if ( ! $method_given ) {
			// The method follows the type unless the admin picked one.
			if ( $client->is_public() ) {
				$client->token_endpoint_auth_method = Client::AUTH_NONE;
			} elseif ( Client::AUTH_NONE === $client->token_endpoint_auth_method ) {
				$client->token_endpoint_auth_method = Client::AUTH_SECRET_BASIC;
			}
		}
		if ( $client->is_public() !== ( Client::AUTH_NONE === $client->token_endpoint_auth_method ) ) {
			return self::field_error(
				'token_endpoint_auth_method',
				$client->is_public()
					? __( 'A public client has no credentials: it must be "none".', 'keystone-oidc' )
					: __( 'A confidential client must authenticate: "none" is only for public clients.', 'keystone-oidc' )
			);
		}
		if ( null !== $client->jwks && '' !== $client->jwks_uri ) {
			return self::field_error( 'jwks_uri', __( 'Give the keys either as jwks or as jwks_uri, not both.', 'keystone-oidc' ) );
		}
		if ( Client::AUTH_PRIVATE_KEY === $client->token_endpoint_auth_method && null === $client->jwks && '' === $client->jwks_uri ) {
			return self::field_error( 'jwks', __( 'private_key_jwt needs the client\'s public keys: a jwks or a jwks_uri.', 'keystone-oidc' ) );
		}
		return $client;
	}

	/**
	 * `refresh_tokens` (the older switch) and `refresh_token` in `grant_types` say the same thing;
	 * whichever the input carries decides, and both together must agree.
	 *
	 * @param array<string,mixed> $input
	 * @return Client|WP_Error
	 */
	private static function grants_in_step( Client $client, array $input ) {
		$listed = $client->allows_grant( Client::GRANT_REFRESH_TOKEN );
		if ( array_key_exists( 'grant_types', $input ) ) {
			if ( array_key_exists( 'refresh_tokens', $input ) && $client->refresh_tokens !== $listed ) {
				return self::field_error( 'grant_types', __( 'refresh_token must be listed exactly when refresh_tokens is true.', 'keystone-oidc' ) );
			}
			$client->refresh_tokens = $listed;
			return $client;
		}
		$wanted              = $client->refresh_tokens ? array_merge( $client->grant_types, array( Client::GRANT_REFRESH_TOKEN ) ) : array_diff( $client->grant_types, array( Client::GRANT_REFRESH_TOKEN ) );
		$client->grant_types = array_values( array_intersect( Client::GRANT_TYPES, $wanted ) );
		return $client;
	}

	/**
	 * @param mixed $value
	 * @return mixed|WP_Error The normalized value.
	 */
	private static function validate( string $field, $value ) {
		switch ( $field ) {
			case 'name':
				return self::name( $value );
			case 'type':
				return self::type( $value );
			case 'redirect_uris':
				return self::redirect_uris( $value );
			case 'scopes':
				return self::scopes( $value );
			case 'post_logout_redirect_uris':
				return self::post_logout_redirect_uris( $value );
			case 'backchannel_logout_uri':
				return self::backchannel_logout_uri( $value );
			case 'audiences':
				return self::audiences( $value );
			case 'allowed_roles':
				return self::allowed_roles( $value );
			case 'skip_consent':
			case 'skip_consent_offline_access':
			case 'refresh_tokens':
				return self::boolean( $field, $value );
			case 'grant_types':
				return self::grant_types( $value );
			case 'token_endpoint_auth_method':
				return self::auth_method( $value );
			case 'jwks':
				return self::jwks( $value );
			case 'jwks_uri':
				return self::jwks_uri( $value );
			case 'rest_access':
				return self::one_of( $field, $value, array( Client::REST_NONE, Client::REST_READ, Client::REST_WRITE ) );
			default:
				return self::signing_algorithm( $value );
		}
	}

	private static function with_defaults( Client $base ): Client {
		$client              = new Client();
		$client->client_id   = $base->client_id;
		$client->type        = $base->type;
		$client->secret_hash = $base->secret_hash;
		// A 2.x client whose secret was not used since the upgrade keeps it through a full update.
		$client->legacy_secret_hash = $base->legacy_secret_hash;
		$client->created_at         = $base->created_at;
		$client->source             = $base->source;
		$client->updated_at         = $base->updated_at;
		$client->scopes             = self::DEFAULT_SCOPES;
		return $client;
	}

	/**
	 * @param mixed $value
	 * @return string|WP_Error
	 */
	private static function name( $value ) {
		$name = is_string( $value ) ? trim( $value ) : '';
		if ( '' === $name ) {
			return self::error( 'keystone_oidc_invalid_name', __( 'A client name is required.', 'keystone-oidc' ) );
		}
		if ( '' === wp_check_invalid_utf8( $name ) || mb_strlen( $name, 'UTF-8' ) > self::NAME_MAX || preg_match( '/[\x00-\x1F\x7F]/', $name ) ) {
			/* translators: %d: maximum length of a client name */
			return self::error( 'keystone_oidc_invalid_name', sprintf( __( 'The client name must be 1 to %d characters of text.', 'keystone-oidc' ), self::NAME_MAX ) );
		}
		return $name;
	}

	/**
	 * @param mixed $value
	 * @return string|WP_Error
	 */
	private static function type( $value ) {
		if ( Client::TYPE_CONFIDENTIAL === $value || Client::TYPE_PUBLIC === $value ) {
			return $value;
		}
		return self::error( 'keystone_oidc_invalid_type', __( 'The client type must be "confidential" or "public".', 'keystone-oidc' ) );
	}

	/**
	 * @param mixed $value
	 * @return string[]|WP_Error
	 */
	private static function redirect_uris( $value ) {
		// An empty list is judged with the grant types (`consistent`): only the code flow needs one.
		if ( ! self::is_list( $value ) ) {
			return self::error( 'keystone_oidc_invalid_redirect_uri', __( 'At least one redirect URI is required.', 'keystone-oidc' ) );
		}
		foreach ( $value as $uri ) {
			$reason = self::uri_error( $uri );
			if ( null !== $reason ) {
				return self::error(
					'keystone_oidc_invalid_redirect_uri',
					/* translators: 1: the redirect URI, 2: why it cannot be registered */
					sprintf( __( 'Invalid redirect URI "%1$s": %2$s', 'keystone-oidc' ), self::show( $uri ), $reason )
				);
			}
		}
		return array_values( array_unique( $value ) );
	}

	/**
	 * @param mixed $value
	 * @return string[]|WP_Error
	 */
	private static function scopes( $value ) {
		if ( ! self::is_list( $value ) ) {
			return self::error( 'keystone_oidc_invalid_scope', __( 'Scopes must be a list of scope names.', 'keystone-oidc' ) );
		}
		$supported = Config::supported_scopes();
		foreach ( $value as $scope ) {
			if ( ! is_string( $scope ) || ! in_array( $scope, $supported, true ) ) {
				return self::error(
					'keystone_oidc_invalid_scope',
					/* translators: 1: the scope, 2: comma-separated list of supported scopes */
					sprintf( __( 'The scope "%1$s" is not supported. Supported scopes: %2$s.', 'keystone-oidc' ), self::show( $scope ), implode( ', ', $supported ) )
				);
			}
		}
		return array_values( array_unique( array_merge( array( 'openid' ), $value ) ) );
	}

	/**
	 * @param mixed $value
	 * @return string[]|WP_Error
	 */
	private static function post_logout_redirect_uris( $value ) {
		if ( ! self::is_list( $value ) ) {
			return self::field_error( 'post_logout_redirect_uris', __( 'It must be a list of URIs.', 'keystone-oidc' ) );
		}
		foreach ( $value as $uri ) {
			$reason = self::uri_error( $uri );
			if ( null !== $reason ) {
				/* translators: 1: the URI, 2: why it cannot be registered */
				return self::field_error( 'post_logout_redirect_uris', sprintf( __( '"%1$s": %2$s', 'keystone-oidc' ), self::show( $uri ), $reason ) );
			}
		}
		return array_values( array_unique( $value ) );
	}

	/**
	 * @param mixed $value
	 * @return string|WP_Error
	 */
	private static function backchannel_logout_uri( $value ) {
		if ( null === $value || '' === $value ) {
			return '';
		}
		if ( ! is_string( $value ) ) {
			return self::field_error( 'backchannel_logout_uri', __( 'It must be a URI.', 'keystone-oidc' ) );
		}
		$reason = Redirect_Uri::PROBLEM_NOT_WEB === Redirect_Uri::backchannel_logout_problem( $value ) ? __( 'It must be an https URI.', 'keystone-oidc' ) : self::uri_error( $value );
		if ( null !== $reason ) {
			/* translators: 1: the URI, 2: why it cannot be registered */
			return self::field_error( 'backchannel_logout_uri', sprintf( __( '"%1$s": %2$s', 'keystone-oidc' ), self::show( $value ), $reason ) );
		}
		return $value;
	}

	/**
	 * Resource indicators (RFC 8707): absolute URIs without a fragment, as the authorization and
	 * token requests check them.
	 *
	 * @param mixed $value
	 * @return string[]|WP_Error
	 */
	private static function audiences( $value ) {
		if ( ! self::is_list( $value ) ) {
			return self::field_error( 'audiences', __( 'It must be a list of absolute URIs.', 'keystone-oidc' ) );
		}
		foreach ( $value as $uri ) {
			if ( ! is_string( $uri ) || ! Resource_Indicator::is_valid( $uri ) ) {
				/* translators: %s: the audience */
				return self::field_error( 'audiences', sprintf( __( '"%s" is not an absolute URI without a fragment.', 'keystone-oidc' ), self::show( $uri ) ) );
			}
		}
		return array_values( array_unique( $value ) );
	}

	/**
	 * @param mixed $value
	 * @return string[]|WP_Error
	 */
	private static function allowed_roles( $value ) {
		if ( ! self::is_list( $value ) ) {
			return self::field_error( 'allowed_roles', __( 'It must be a list of role slugs.', 'keystone-oidc' ) );
		}
		foreach ( $value as $role ) {
			if ( ! is_string( $role ) || ! wp_roles()->is_role( $role ) ) {
				/* translators: %s: the role slug */
				return self::field_error( 'allowed_roles', sprintf( __( '"%s" is not a role on this site.', 'keystone-oidc' ), self::show( $role ) ) );
			}
		}
		return array_values( array_unique( $value ) );
	}

	/**
	 * @param mixed $value
	 * @return bool|WP_Error
	 */
	private static function boolean( string $field, $value ) {
		if ( is_bool( $value ) ) {
			return $value;
		}
		// Form-encoded bodies carry booleans as text.
		if ( in_array( $value, array( 'true', '1', 1 ), true ) ) {
			return true;
		}
		if ( in_array( $value, array( 'false', '0', 0 ), true ) ) {
			return false;
		}
		return self::field_error( $field, __( 'It must be true or false.', 'keystone-oidc' ) );
	}

	/**
	 * @param mixed $value
	 * @return string[]|WP_Error
	 */
	private static function grant_types( $value ) {
		if ( ! self::is_list( $value ) || array() === $value ) {
			return self::field_error( 'grant_types', __( 'It must be a non-empty list of grant types.', 'keystone-oidc' ) );
		}
		foreach ( $value as $grant ) {
			if ( ! is_string( $grant ) || ! in_array( $grant, Client::GRANT_TYPES, true ) ) {
				/* translators: 1: the grant type, 2: comma-separated list of supported grant types */
				return self::field_error( 'grant_types', sprintf( __( '"%1$s" is not supported. Supported: %2$s.', 'keystone-oidc' ), self::show( $grant ), implode( ', ', Client::GRANT_TYPES ) ) );
			}
		}
		// In the one order every reader sees (`Client::GRANT_TYPES`).
		return array_values( array_intersect( Client::GRANT_TYPES, $value ) );
	}

	/**
	 * @param mixed    $value
	 * @param string[] $allowed
	 * @return string|WP_Error
	 */
	private static function one_of( string $field, $value, array $allowed ) {
		if ( is_string( $value ) && in_array( $value, $allowed, true ) ) {
			return $value;
		}
		/* translators: %s: comma-separated list of allowed values */
		return self::field_error( $field, sprintf( __( 'It must be one of: %s.', 'keystone-oidc' ), implode( ', ', $allowed ) ) );
	}

	/**
	 * `client_secret_jwt` (OIDC Core §9) is refused: checking its HMAC needs the plaintext secret on
	 * the server, and this plugin keeps client secrets only as hashes.
	 *
	 * @param mixed $value
	 * @return string|WP_Error
	 */
	private static function auth_method( $value ) {
		if ( Client::AUTH_SECRET_JWT === $value ) {
			return self::field_error( 'token_endpoint_auth_method', __( 'client_secret_jwt is not supported: verifying it would need the client secret stored in readable form, and this site stores client secrets only as hashes. Use private_key_jwt (the client signs with its own private key) or client_secret_basic.', 'keystone-oidc' ) );
		}
		return self::one_of( 'token_endpoint_auth_method', $value, Client::AUTH_METHODS );
	}

	/**
	 * A JWK Set of public RSA or EC keys. A private key pasted by mistake is refused, not stored.
	 *
	 * @param mixed $value
	 * @return array<string,mixed>|null|WP_Error
	 */
	private static function jwks( $value ) {
		if ( null === $value || '' === $value ) {
			return null;
		}
		if ( is_string( $value ) ) {
			$value = json_decode( $value, true );
		}
		if ( ! is_array( $value ) || ! isset( $value['keys'] ) || ! self::is_list( $value['keys'] ) || array() === $value['keys'] ) {
			return self::field_error( 'jwks', __( 'It must be a JWK Set: an object with a non-empty "keys" list.', 'keystone-oidc' ) );
		}
		if ( count( $value['keys'] ) > self::JWKS_MAX_KEYS || strlen( (string) wp_json_encode( $value ) ) > self::JWKS_MAX_BYTES ) {
			/* translators: 1: maximum number of keys, 2: maximum size in bytes */
			return self::field_error( 'jwks', sprintf( __( 'It may hold at most %1$d keys and %2$d bytes.', 'keystone-oidc' ), self::JWKS_MAX_KEYS, self::JWKS_MAX_BYTES ) );
		}
		foreach ( $value['keys'] as $key ) {
			if ( ! is_array( $key ) || ! isset( $key['kty'] ) || ! in_array( $key['kty'], array( 'RSA', 'EC' ), true ) ) {
				return self::field_error( 'jwks', __( 'Every key must be a JSON object with "kty" "RSA" or "EC".', 'keystone-oidc' ) );
			}
			if ( array() !== array_intersect( array_keys( $key ), array( 'd', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k' ) ) ) {
				return self::field_error( 'jwks', __( 'It holds a private key. Paste only the public keys; keep the private key with the client.', 'keystone-oidc' ) );
			}
		}
		return array( 'keys' => array_values( $value['keys'] ) );
	}

	/**
	 * @param mixed $value
	 * @return string|WP_Error
	 */
	private static function jwks_uri( $value ) {
		if ( null === $value || '' === $value ) {
			return '';
		}
		// Plain http only to a host the site trusts as internal (`Http\Outbound`, which fetches it).
		$web = is_string( $value ) && ( 0 === strpos( strtolower( $value ), 'https://' ) || ( 0 === strpos( strtolower( $value ), 'http://' ) && Outbound::is_internal( $value ) ) );
		if ( ! $web || ! Resource_Indicator::is_valid( $value ) ) {
			/* translators: %s: the URI */
			return self::field_error( 'jwks_uri', sprintf( __( '"%s" is not an https URI.', 'keystone-oidc' ), self::show( $value ) ) );
		}
		return $value;
	}

	/**
	 * @param mixed $value
	 * @return string|WP_Error
	 */
	private static function signing_algorithm( $value ) {
		if ( in_array( $value, self::SIGNING_ALGORITHMS, true ) ) {
			return $value;
		}
		return self::field_error( 'id_token_signed_response_alg', __( 'It must be "RS256" or "ES256".', 'keystone-oidc' ) );
	}

	/**
	 * Why a redirect-style URI cannot be registered, or null.
	 *
	 * @param mixed $uri
	 */
	private static function uri_error( $uri ): ?string {
		if ( ! is_string( $uri ) ) {
			return __( 'A URI must be a string.', 'keystone-oidc' );
		}
		if ( Redirect_Uri::PROBLEM_WILDCARD === Redirect_Uri::registration_problem( $uri ) ) {
			return __( 'Wildcards are not supported; register every URI exactly.', 'keystone-oidc' );
		}
		return Redirect_Uri::registration_error( $uri );
	}

	/**
	 * @param mixed $value
	 */
	private static function is_list( $value ): bool {
		return is_array( $value ) && array_values( $value ) === $value;
	}

	/**
	 * A value as it may appear inside an error message.
	 *
	 * @param mixed $value
	 */
	private static function show( $value ): string {
		$text = is_scalar( $value ) ? (string) $value : (string) wp_json_encode( $value );
		return mb_strlen( $text, 'UTF-8' ) > 200 ? mb_substr( $text, 0, 200, 'UTF-8' ) . '…' : $text;
	}

	private static function field_error( string $field, string $reason ): WP_Error {
		return new WP_Error(
			'keystone_oidc_invalid_field',
			/* translators: 1: field name, 2: what is wrong with it */
			sprintf( __( 'Invalid %1$s: %2$s', 'keystone-oidc' ), $field, $reason ),
			array(
				'status' => 400,
				'field'  => $field,
			)
		);
	}

	private static function error( string $code, string $message ): WP_Error {
		return new WP_Error( $code, $message, array( 'status' => 400 ) );
	}
}
