<?php
declare(strict_types=1);

namespace Keystone_OIDC\Cli;

use WP_CLI;
use WP_Error;

/**
 * What every `wp oidc` command shares: failing with the admin REST API's error code and message,
 * asking before destroying something, and printing rows in WP-CLI's formats.
 */
final class Console {
	/**
	 * Ends the command with exit code 1. The message and `keystone_oidc_*` code are the ones the
	 * REST API answers with, so scripts can branch on the same codes.
	 */
	public static function fail( WP_Error $error ): void {
		self::fail_with( (string) $error->get_error_code(), $error->get_error_message() );
	}

	public static function fail_with( string $code, string $message ): void {
		WP_CLI::error( sprintf( '%s (%s)', $message, $code ) );
	}

	/**
	 * Asks before a command destroys or replaces something, unless `--yes` was given. Without an
	 * answer (no terminal: a script, cron, CI) that is an error, exit code 1: WP-CLI's own
	 * `confirm()` exits 0 there, which a script would read as done. A "no" changes nothing and
	 * exits 1 for the same reason.
	 *
	 * @param array<string,mixed> $assoc_args
	 */
	public static function confirm( string $question, array $assoc_args ): void {
		if ( true === \WP_CLI\Utils\get_flag_value( $assoc_args, 'yes', false ) ) {
			return;
		}
		fwrite( STDOUT, $question . ' [y/n] ' );
		$answer = fgets( STDIN );
		if ( false === $answer ) {
			fwrite( STDOUT, "\n" );
			self::fail_with( 'keystone_oidc_confirmation_required', 'This command asks for confirmation and got no answer. Run it with --yes where nobody can answer.' );
			return;
		}
		if ( 'y' !== strtolower( trim( $answer ) ) ) {
			self::fail_with( 'keystone_oidc_cancelled', 'Cancelled: nothing was changed.' );
		}
	}

	/**
	 * Prints rows as a table, JSON, CSV or YAML. In a table or CSV cell a list of names is shown as
	 * comma-separated text and any other structure as JSON. Without `--fields`, a table or CSV shows `$default_fields` and JSON or YAML every
	 * field: what a script reads whole, a person reads in short.
	 *
	 * @param array<string,mixed>            $assoc_args
	 * @param array<int,array<string,mixed>> $rows
	 * @param string[]                       $default_fields
	 */
	public static function rows( array $assoc_args, array $rows, array $default_fields ): void {
		$format = self::format( $assoc_args );
		$fields = self::fields( $assoc_args, $format, $default_fields, $rows );
		if ( 'yaml' === $format ) {
			$only = array_flip( $fields );
			WP_CLI::line(
				self::yaml(
					array_map(
						static function ( array $row ) use ( $only ): array {
							return array_intersect_key( $row, $only );
						},
						$rows
					)
				)
			);
			return;
		}
		if ( in_array( $format, array( 'table', 'csv' ), true ) ) {
			$rows = array_map( array( self::class, 'flat' ), $rows );
		}
		\WP_CLI\Utils\format_items( $format, $rows, $fields );
	}

	/**
	 * Prints one record: as field/value rows in a table, whole in JSON or YAML.
	 *
	 * @param array<string,mixed> $assoc_args
	 * @param array<string,mixed> $record
	 */
	public static function record( array $assoc_args, array $record ): void {
		$format = self::format( $assoc_args );
		$fields = isset( $assoc_args['fields'] ) ? self::field_list( (string) $assoc_args['fields'] ) : array_keys( $record );
		$record = array_intersect_key( $record, array_flip( $fields ) );
		if ( 'json' === $format ) {
			WP_CLI::line( (string) wp_json_encode( $record, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES ) );
			return;
		}
		if ( 'yaml' === $format ) {
			WP_CLI::line( self::yaml( $record ) );
			return;
		}
		$rows = array();
		foreach ( self::flat( $record ) as $field => $value ) {
			$rows[] = array(
				'Field' => $field,
				'Value' => $value,
			);
		}
		\WP_CLI\Utils\format_items( $format, $rows, array( 'Field', 'Value' ) );
	}

	/**
	 * YAML by the Spyc bundled with WP-CLI (what `--format=yaml` prints everywhere in WP-CLI). Its
	 * dumper passes a null to `trim()`, which PHP 8.1+ reports as deprecated: that notice is about
	 * WP-CLI's copy, not this data, and must not reach the site's error log.
	 *
	 * @param array<mixed> $data
	 */
	public static function yaml( array $data ): string {
		$reporting = error_reporting( error_reporting() & ~E_DEPRECATED );
		try {
			return rtrim( \Spyc::YAMLDump( $data, 2, 0, true ) );
		} finally {
			error_reporting( $reporting );
		}
	}

	/**
	 * @param array<string,mixed> $assoc_args
	 */
	public static function format( array $assoc_args ): string {
		return isset( $assoc_args['format'] ) ? (string) $assoc_args['format'] : 'table';
	}

	/**
	 * @param array<string,mixed>            $assoc_args
	 * @param string[]                       $default_fields
	 * @param array<int,array<string,mixed>> $rows
	 * @return string[]
	 */
	private static function fields( array $assoc_args, string $format, array $default_fields, array $rows ): array {
		if ( isset( $assoc_args['fields'] ) ) {
			return self::field_list( (string) $assoc_args['fields'] );
		}
		if ( in_array( $format, array( 'json', 'yaml' ), true ) && array() !== $rows ) {
			return array_keys( $rows[0] );
		}
		return $default_fields;
	}

	/**
	 * @return string[]
	 */
	private static function field_list( string $fields ): array {
		return array_values( array_filter( array_map( 'trim', explode( ',', $fields ) ), 'strlen' ) );
	}

	/**
	 * @param array<string,mixed> $row
	 * @return array<string,string>
	 */
	private static function flat( array $row ): array {
		foreach ( $row as $field => $value ) {
			if ( is_bool( $value ) ) {
				$row[ $field ] = $value ? 'true' : 'false';
			} elseif ( is_array( $value ) ) {
				$row[ $field ] = self::is_list( $value ) && array() !== $value && array_filter( $value, 'is_string' ) === $value
					? implode( ', ', $value )
					: (string) wp_json_encode( $value, JSON_UNESCAPED_SLASHES );
			} else {
				$row[ $field ] = null === $value ? '' : (string) $value;
			}
		}
		return $row;
	}

	/**
	 * @param array<mixed> $value
	 */
	private static function is_list( array $value ): bool {
		return array_values( $value ) === $value;
	}
}
