<?php
/**
 * WordPress names functions, methods, properties, parameters and variables in snake_case. Exempt:
 * magic methods (`__construct`), PHP's superglobals, and the names a parent class imposes
 * (PHPUnit's `setUp`), listed in the `allowed_names` property.
 *
 * @package Keystone_OIDC
 */

declare(strict_types=1);

namespace Keystone\Sniffs\NamingConventions;

use PHP_CodeSniffer\Files\File;
use PHP_CodeSniffer\Sniffs\Sniff;

final class SnakeCaseNameSniff implements Sniff {
	const SNAKE_CASE = '/^_?[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/';

	const PHP_VARIABLES = array( 'GLOBALS', '_SERVER', '_GET', '_POST', '_FILES', '_COOKIE', '_SESSION', '_REQUEST', '_ENV', 'this' );

	/**
	 * Names another API requires of a function or method declared here.
	 *
	 * @var string[]
	 */
	public $allowed_names = array();

	/**
	 * @return int[]
	 */
	public function register() {
		return array( T_FUNCTION, T_VARIABLE );
	}

	/**
	 * @param int $pointer A `function` keyword or a variable.
	 */
	public function process( File $file, $pointer ) {
		$tokens = $file->getTokens();
		if ( T_FUNCTION === $tokens[ $pointer ]['code'] ) {
			$name = $file->getDeclarationName( $pointer );
			if ( null !== $name && 0 !== strpos( $name, '__' ) && ! in_array( $name, $this->allowed_names, true ) ) {
				$this->expect_snake_case( $file, $pointer, $name, 'Function' );
			}
			return;
		}
		$name = substr( $tokens[ $pointer ]['content'], 1 );
		if ( ! in_array( $name, self::PHP_VARIABLES, true ) ) {
			$this->expect_snake_case( $file, $pointer, $name, 'Variable' );
		}
	}

	private function expect_snake_case( File $file, int $pointer, string $name, string $kind ): void {
		if ( 1 !== preg_match( self::SNAKE_CASE, $name ) ) {
			$file->addError( '%s name "%s" is not in snake_case', $pointer, $kind . 'NotSnakeCase', array( $kind, $name ) );
		}
	}
}
