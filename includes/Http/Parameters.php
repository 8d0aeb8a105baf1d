<?php
declare(strict_types=1);

namespace Keystone_OIDC\Http;

/**
 * Protocol parameters parsed from a raw `application/x-www-form-urlencoded` string. PHP's own
 * parsing hides what OAuth must reject: a repeated parameter silently keeps its last value and
 * `name[]=` turns into an array; WordPress then adds slashes. Here every name keeps every value,
 * so a rule can refuse a repetition (RFC 6749 §3.1) or a non-string instead of guessing.
 */
final class Parameters {
	/** @var array<string,string[]> */
	private $values = array();

	/** @var array<string,true> Names that arrived in PHP's array syntax (`name[]`, `name[x]`). */
	private $array_names = array();

	public static function parse( string $encoded ): self {
		$parameters = new self();
		if ( '' === $encoded ) {
			return $parameters;
		}
		foreach ( explode( '&', $encoded ) as $pair ) {
			if ( '' === $pair ) {
				continue;
			}
			$parts = explode( '=', $pair, 2 );
			$name  = urldecode( $parts[0] );
			$value = urldecode( $parts[1] ?? '' );
			$open  = strpos( $name, '[' );
			if ( false !== $open && $open > 0 ) {
				$parameters->array_names[ substr( $name, 0, $open ) ] = true;
				continue;
			}
			$parameters->values[ $name ][] = $value;
		}
		return $parameters;
	}

	/**
	 * A parameter's single value. Absent and empty are the same (RFC 6749 §3.1: "parameters sent
	 * without a value MUST be treated as if they were omitted").
	 *
	 * @throws OAuth_Error invalid_request when the parameter is repeated, not a string, or not UTF-8.
	 */
	public function get( string $name ): ?string {
		if ( isset( $this->array_names[ $name ] ) ) {
			throw OAuth_Error::invalid_request( sprintf( '%s must be a single string', $name ) );
		}
		$values = array_values( array_filter( $this->values[ $name ] ?? array(), 'strlen' ) );
		if ( count( $values ) > 1 ) {
			throw OAuth_Error::invalid_request( sprintf( '%s must not be repeated', $name ) );
		}
		if ( ! $values ) {
			return null;
		}
		if ( ! self::is_clean_text( $values[0] ) ) {
			throw OAuth_Error::invalid_request( sprintf( '%s must be valid UTF-8 without control characters', $name ) );
		}
		return $values[0];
	}

	/**
	 * Every non-empty value of a parameter that may be repeated (RFC 8707 `resource`), repeats
	 * dropped, first occurrence first.
	 *
	 * @return string[]
	 * @throws OAuth_Error invalid_request when a value is not a string or not UTF-8.
	 */
	public function all( string $name ): array {
		if ( isset( $this->array_names[ $name ] ) ) {
			throw OAuth_Error::invalid_request( sprintf( '%s must be a string', $name ) );
		}
		$values = array_values( array_unique( array_filter( $this->values[ $name ] ?? array(), 'strlen' ) ) );
		foreach ( $values as $value ) {
			if ( ! self::is_clean_text( $value ) ) {
				throw OAuth_Error::invalid_request( sprintf( '%s must be valid UTF-8 without control characters', $name ) );
			}
		}
		return $values;
	}

	/**
	 * Whether the name appears at all, even empty or in array syntax.
	 */
	public function has_name( string $name ): bool {
		return isset( $this->values[ $name ] ) || isset( $this->array_names[ $name ] );
	}

	public function has( string $name ): bool {
		return null !== $this->get( $name );
	}

	/**
	 * Throws for the first of `$names` that is repeated or malformed, so a request is refused as a
	 * whole before any value is used.
	 *
	 * @param string[] $names
	 */
	public function assert_single( array $names ): void {
		foreach ( $names as $name ) {
			$this->get( $name );
		}
	}

	/**
	 * @return array<string,string> Every parameter that has exactly one non-empty value.
	 */
	public function to_array(): array {
		$single = array();
		foreach ( $this->values as $name => $values ) {
			$values = array_values( array_filter( $values, 'strlen' ) );
			if ( 1 === count( $values ) ) {
				$single[ $name ] = $values[0];
			}
		}
		return $single;
	}

	private static function is_clean_text( string $value ): bool {
		return 1 === preg_match( '//u', $value ) && 0 === preg_match( '/[\x00-\x08\x0A-\x1F\x7F]/', $value );
	}
}
