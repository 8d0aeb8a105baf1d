<?php
/**
 * `array( 1, 2 )` and `array()`: one space inside the parentheses of a non-empty long array on one
 * line, none inside an empty one; a line break instead of the space is fine.
 *
 * @package Keystone_OIDC
 */

declare(strict_types=1);

namespace Keystone\Sniffs\Arrays;

use Keystone\Spacing;
use PHP_CodeSniffer\Files\File;
use PHP_CodeSniffer\Sniffs\Sniff;

final class ArrayParenthesesSpacingSniff implements Sniff {
	/**
	 * @return int[]
	 */
	public function register() {
		return array( T_ARRAY );
	}

	/**
	 * @param int $pointer The `array` keyword.
	 */
	public function process( File $file, $pointer ) {
		$tokens = $file->getTokens();
		if ( ! isset( $tokens[ $pointer ]['parenthesis_opener'], $tokens[ $pointer ]['parenthesis_closer'] ) ) {
			return;
		}
		$opener = $tokens[ $pointer ]['parenthesis_opener'];
		$closer = $tokens[ $pointer ]['parenthesis_closer'];
		$first  = $file->findNext( T_WHITESPACE, $opener + 1, $closer + 1, true );
		if ( $first === $closer ) {
			Spacing::expect( $file, $opener, $closer, '', 'An empty array has no space inside its parentheses', 'SpaceInEmpty' );
			return;
		}
		if ( $tokens[ $first ]['line'] === $tokens[ $opener ]['line'] ) {
			Spacing::expect( $file, $opener, $first, ' ', 'Expected 1 space after the opening parenthesis of an array', 'SpaceAfterOpen' );
		}
		$last = $file->findPrevious( T_WHITESPACE, $closer - 1, $opener, true );
		if ( $tokens[ $last ]['line'] === $tokens[ $closer ]['line'] ) {
			Spacing::expect( $file, $last, $closer, ' ', 'Expected 1 space before the closing parenthesis of an array', 'SpaceBeforeClose' );
		}
	}
}
