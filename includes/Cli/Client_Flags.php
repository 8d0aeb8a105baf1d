<?php
declare(strict_types=1);

namespace Keystone_OIDC\Cli;

use Keystone_OIDC\Clients\Client_Input;

/**
 * Turns `wp oidc client create|update` flags into a `ClientInput`: each field is the flag of the
 * same name with dashes (`--skip-consent`, `--rest-access=read`). Lists of URIs are given by
 * repeating a flag in the singular (`--redirect-uri=A --redirect-uri=B`), since a URI may hold a
 * comma; lists of names are comma-separated (`--scopes=openid,email`). Values are passed on as
 * given: `Client_Input` alone judges them, as it does for the REST API.
 */
final class Client_Flags {
	/** Fields given by repeating one flag. */
	const REPEATED = array(
		'redirect_uris'             => 'redirect-uri',
		'post_logout_redirect_uris' => 'post-logout-redirect-uri',
		'audiences'                 => 'audience',
	);

	/** Fields given as comma-separated names. */
	const COMMA_LISTS = array( 'scopes', 'allowed_roles', 'grant_types' );

	/**
	 * @param array<string,mixed> $assoc_args What WP-CLI parsed (one value per flag: the last).
	 * @param string[]            $argv       The raw command line, where a repeated flag keeps every value.
	 * @return array<string,mixed> Only the fields a flag named.
	 */
	public static function input( array $assoc_args, array $argv ): array {
		$input = array();
		foreach ( Client_Input::fields() as $field ) {
			if ( isset( self::REPEATED[ $field ] ) ) {
				$flag = self::REPEATED[ $field ];
				if ( array_key_exists( $flag, $assoc_args ) ) {
					$input[ $field ] = self::repeated( $flag, $assoc_args[ $flag ], $argv );
				}
				continue;
			}
			$flag = str_replace( '_', '-', $field );
			if ( ! array_key_exists( $flag, $assoc_args ) ) {
				continue;
			}
			$value = $assoc_args[ $flag ];
			if ( in_array( $field, self::COMMA_LISTS, true ) && is_string( $value ) ) {
				$value = '' === trim( $value ) ? array() : array_map( 'trim', explode( ',', $value ) );
			}
			$input[ $field ] = $value;
		}
		return $input;
	}

	/**
	 * Every value of a repeated `--flag=value`; `--flag=` alone means an empty list.
	 *
	 * @param mixed    $last What WP-CLI kept: the last value.
	 * @param string[] $argv
	 * @return array<int,mixed>
	 */
	private static function repeated( string $flag, $last, array $argv ): array {
		$prefix = '--' . $flag . '=';
		$values = array();
		foreach ( $argv as $arg ) {
			if ( is_string( $arg ) && 0 === strpos( $arg, $prefix ) ) {
				$values[] = substr( $arg, strlen( $prefix ) );
			}
		}
		if ( array() === $values ) {
			// Not on this command line (a command run from PHP by `WP_CLI::runcommand`): the one value.
			$values = array( $last );
		}
		return array_values( array_filter( $values, static function ( $value ): bool {
			return '' !== $value;
		} ) );
	}
}
