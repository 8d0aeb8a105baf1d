<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

use Keystone_OIDC\Checks\Mapped_Claim;
use Keystone_OIDC\Config;
use WP_Error;

/**
 * Extra claims an administrator maps from user meta or roles, each released only under one scope.
 *
 * Stored as the option `keystone_oidc_claim_map`: a list of `{claim, source: "meta"|"roles",
 * meta_key (meta only), scope}`. The option is autoloaded: discovery announces the mapped claims
 * on every request and is meant to cost no query of its own, and the list is capped at
 * MAX_ENTRIES short entries, so it adds at most a few kilobytes to the autoloaded options.
 */
final class Claim_Map {
	const OPTION = 'keystone_oidc_claim_map';

	const MAX_ENTRIES = 50;

	const SOURCE_META  = 'meta';
	const SOURCE_ROLES = 'roles';

	/** Scopes that release no claims (the REST API's grant rights, not data), so no mapping can be tied to them. */
	const CLAIMLESS_SCOPES = array( 'offline_access', 'wordpress:read', 'wordpress:write' );

	/**
	 * Stores an empty list at activation when there is none. Discovery, UserInfo and the token
	 * endpoint read the mappings on every request: a missing option costs a query each time, an
	 * autoloaded one comes with the options WordPress loads anyway.
	 */
	public static function ensure_stored(): void {
		add_option( self::OPTION, array(), '', true );
	}

	/**
	 * The stored mappings. Entries that no longer pass (a scope a filter has since removed) are
	 * left out rather than released under rules that were not checked.
	 *
	 * @return array<int,array<string,string>>
	 */
	public static function all(): array {
		$stored = get_option( self::OPTION, array() );
		if ( ! is_array( $stored ) ) {
			return array();
		}
		$entries = array();
		$seen    = array();
		foreach ( array_values( $stored ) as $entry ) {
			if ( ! is_array( $entry ) || self::problems( $entry, $seen ) ) {
				continue;
			}
			$entries[] = self::normalize( $entry );
			$seen[]    = $entry['claim'];
		}
		return $entries;
	}

	/**
	 * @param mixed $mappings The `mappings` field of a request.
	 * @return array<int,array<string,string>>|WP_Error The saved mappings, or
	 *         `keystone_oidc_invalid_claim_map` with one `{index, field, message}` per problem.
	 */
	public static function save( $mappings ) {
		$entries = self::validate( $mappings );
		if ( $entries instanceof WP_Error ) {
			return $entries;
		}
		update_option( self::OPTION, $entries, true );
		return $entries;
	}

	/**
	 * @param mixed $mappings
	 * @return array<int,array<string,string>>|WP_Error
	 */
	public static function validate( $mappings ) {
		if ( ! is_array( $mappings ) || array_values( $mappings ) !== $mappings ) {
			return self::invalid( array( self::problem( null, null, __( 'The claim mappings must be a list.', 'keystone-oidc' ) ) ) );
		}
		if ( count( $mappings ) > self::MAX_ENTRIES ) {
			/* translators: %d: the largest number of claim mappings */
			return self::invalid( array( self::problem( null, null, sprintf( __( 'At most %d claims can be mapped.', 'keystone-oidc' ), self::MAX_ENTRIES ) ) ) );
		}
		$problems = array();
		$entries  = array();
		$seen     = array();
		foreach ( $mappings as $index => $entry ) {
			if ( ! is_array( $entry ) ) {
				$problems[] = self::problem( $index, null, __( 'Each mapping must be an object with claim, source and scope.', 'keystone-oidc' ) );
				continue;
			}
			$found = self::problems( $entry, $seen );
			foreach ( $found as $field => $message ) {
				$problems[] = self::problem( $index, $field, $message );
			}
			if ( ! $found ) {
				$entries[] = self::normalize( $entry );
			}
			if ( isset( $entry['claim'] ) && is_string( $entry['claim'] ) ) {
				$seen[] = $entry['claim'];
			}
		}
		return $problems ? self::invalid( $problems ) : $entries;
	}

	/**
	 * The mapped claims the granted scopes release, leaving out those without a value.
	 *
	 * @param string[] $scopes
	 * @return array<string,mixed>
	 */
	public static function claims_for( \WP_User $user, array $scopes ): array {
		$claims = array();
		foreach ( self::all() as $entry ) {
			if ( ! in_array( $entry['scope'], $scopes, true ) ) {
				continue;
			}
			$value = self::SOURCE_ROLES === $entry['source']
				? Role_Claims::roles( $user )
				: self::meta_value( (int) $user->ID, $entry['meta_key'] );
			if ( null !== $value ) {
				$claims[ $entry['claim'] ] = $value;
			}
		}
		return $claims;
	}

	/**
	 * @return string[] The mapped claim names, for `claims_supported`.
	 */
	public static function names(): array {
		return array_column( self::all(), 'claim' );
	}

	/**
	 * Scopes a mapping may be tied to.
	 *
	 * @return string[]
	 */
	public static function scopes(): array {
		return array_values( array_diff( Config::supported_scopes(), self::CLAIMLESS_SCOPES ) );
	}

	/**
	 * @param array<mixed>  $entry
	 * @param string[]      $seen Claim names of the entries before this one.
	 * @return array<string,string> Field => message.
	 */
	private static function problems( array $entry, array $seen ): array {
		$problems = array();
		$claim    = $entry['claim'] ?? null;
		if ( ! is_string( $claim ) || '' === $claim ) {
			$problems['claim'] = __( 'Enter a claim name.', 'keystone-oidc' );
		} else {
			$name_problem = Mapped_Claim::name_problem( $claim );
			if ( Mapped_Claim::PROBLEM_NAME_PATTERN === $name_problem ) {
				/* translators: %s: the claim name */
				$problems['claim'] = sprintf( __( 'The claim name "%s" must start with a letter or an underscore and hold at most 64 letters, digits and the characters _ . : -', 'keystone-oidc' ), self::show( $claim ) );
			} elseif ( Mapped_Claim::PROBLEM_NAME_RESERVED === $name_problem ) {
				/* translators: %s: the claim name */
				$problems['claim'] = sprintf( __( 'The claim "%s" is set by the provider itself and cannot be mapped.', 'keystone-oidc' ), $claim );
			} elseif ( in_array( $claim, $seen, true ) ) {
				/* translators: %s: the claim name */
				$problems['claim'] = sprintf( __( 'The claim "%s" is mapped more than once.', 'keystone-oidc' ), $claim );
			}
		}

		$source = $entry['source'] ?? null;
		if ( self::SOURCE_META === $source ) {
			$meta_key = self::meta_key_problem( $entry['meta_key'] ?? null );
			if ( null !== $meta_key ) {
				$problems['meta_key'] = $meta_key;
			}
		} elseif ( self::SOURCE_ROLES === $source ) {
			if ( isset( $entry['meta_key'] ) && '' !== $entry['meta_key'] ) {
				$problems['meta_key'] = __( 'A mapping of the roles reads no meta key.', 'keystone-oidc' );
			}
		} else {
			$problems['source'] = __( 'The source must be "meta" (a user meta key) or "roles".', 'keystone-oidc' );
		}

		$scope  = $entry['scope'] ?? null;
		$scopes = self::scopes();
		if ( ! is_string( $scope ) || ! in_array( $scope, $scopes, true ) ) {
			$problems['scope'] = sprintf(
				/* translators: 1: the scope, 2: comma-separated list of scopes */
				__( 'The scope "%1$s" cannot release a claim. Choose one of: %2$s.', 'keystone-oidc' ),
				self::show( $scope ),
				implode( ', ', $scopes )
			);
		}
		return $problems;
	}

	/**
	 * @param mixed $meta_key
	 */
	private static function meta_key_problem( $meta_key ): ?string {
		if ( ! is_string( $meta_key ) ) {
			return __( 'Enter the user meta key to read.', 'keystone-oidc' );
		}
		$problem = Mapped_Claim::meta_key_problem( $meta_key );
		if ( null === $problem ) {
			return null;
		}
		if ( Mapped_Claim::PROBLEM_META_PROTECTED === $problem ) {
			/* translators: %s: the meta key */
			return sprintf( __( 'The meta key "%s" is protected (it starts with an underscore): plugins keep their internal data there.', 'keystone-oidc' ), self::show( $meta_key ) );
		}
		if ( Mapped_Claim::PROBLEM_META_CREDENTIAL === $problem ) {
			/* translators: %s: the meta key */
			return sprintf( __( 'The meta key "%s" looks like it holds a password, token, secret or key, which must never leave the site in a token.', 'keystone-oidc' ), self::show( $meta_key ) );
		}
		return __( 'Enter the user meta key to read: at most 255 printable characters, without spaces.', 'keystone-oidc' );
	}

	/**
	 * @param array<mixed> $entry A valid entry.
	 * @return array<string,string>
	 */
	private static function normalize( array $entry ): array {
		$normalized = array(
			'claim'  => (string) $entry['claim'],
			'source' => (string) $entry['source'],
			'scope'  => (string) $entry['scope'],
		);
		if ( self::SOURCE_META === $normalized['source'] ) {
			$normalized['meta_key'] = (string) $entry['meta_key'];
		}
		return $normalized;
	}

	/**
	 * A meta value as a claim: its one value, or a list when the key has several rows; null when
	 * the user has none.
	 *
	 * @return mixed
	 */
	private static function meta_value( int $user_id, string $meta_key ) {
		$values = array();
		foreach ( (array) get_user_meta( $user_id, $meta_key, false ) as $value ) {
			$value = self::json_value( $value );
			if ( null !== $value ) {
				$values[] = $value;
			}
		}
		if ( ! $values ) {
			return null;
		}
		return 1 === count( $values ) ? $values[0] : $values;
	}

	/**
	 * Only what JSON can carry: an unserialized object is left out, never cast.
	 *
	 * @param mixed $value
	 * @return mixed
	 */
	private static function json_value( $value ) {
		if ( is_string( $value ) ) {
			return '' === $value ? null : $value;
		}
		if ( is_int( $value ) || is_float( $value ) || is_bool( $value ) ) {
			return $value;
		}
		if ( ! is_array( $value ) ) {
			return null;
		}
		$clean = array();
		foreach ( $value as $key => $item ) {
			$item = self::json_value( $item );
			if ( null !== $item ) {
				$clean[ $key ] = $item;
			}
		}
		if ( ! $clean ) {
			return null;
		}
		return array_values( $value ) === $value ? array_values( $clean ) : $clean;
	}

	/**
	 * @param int|string|null $index
	 * @return array{index: int|null, field: string|null, message: string}
	 */
	private static function problem( $index, ?string $field, string $message ): array {
		return array(
			'index'   => null === $index ? null : (int) $index,
			'field'   => $field,
			'message' => $message,
		);
	}

	/**
	 * @param array<int,array{index: int|null, field: string|null, message: string}> $problems
	 */
	private static function invalid( array $problems ): WP_Error {
		$lines = array();
		foreach ( $problems as $problem ) {
			$lines[] = null === $problem['index']
				? $problem['message']
				/* translators: 1: the mapping's position in the list, from 1; 2: what is wrong with it */
				: sprintf( __( 'Mapping %1$d: %2$s', 'keystone-oidc' ), $problem['index'] + 1, $problem['message'] );
		}
		return new WP_Error(
			'keystone_oidc_invalid_claim_map',
			implode( ' ', $lines ),
			array(
				'status' => 400,
				'errors' => $problems,
			)
		);
	}

	/**
	 * A value as it may appear inside an error message.
	 *
	 * @param mixed $value
	 */
	private static function show( $value ): string {
		$text = is_scalar( $value ) ? (string) $value : (string) wp_json_encode( $value );
		return mb_strlen( $text, 'UTF-8' ) > 100 ? mb_substr( $text, 0, 100, 'UTF-8' ) . '…' : $text;
	}
}
