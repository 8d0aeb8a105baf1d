<?php
/**
 * Array keys as WordPress writes them: `$row['name']` and `$list[0]` without spaces, every other key
 * with one space inside the brackets (`$row[ $key ]`, `$tests['direct'][ self::TEST ]`), and `$list[]`
 * empty.
 *
 * @package Keystone_OIDC
 */

declare(strict_types=1);

namespace Keystone\Sniffs\Arrays;

use Keystone\Spacing;
use PHP_CodeSniffer\Files\File;
use PHP_CodeSniffer\Sniffs\Sniff;

final class ArrayKeySpacingSniff implements Sniff {
	/**
	 * @return int[]
	 */
	public function register() {
		return array( T_OPEN_SQUARE_BRACKET );
	}

	/**
	 * @param int $pointer The opening bracket of an array access (short arrays are other tokens).
	 */
	public function process( File $file, $pointer ) {
		$tokens = $file->getTokens();
		if ( ! isset( $tokens[ $pointer ]['bracket_closer'] ) ) {
			return;
		}
		$closer = $tokens[ $pointer ]['bracket_closer'];
		$first  = $file->findNext( T_WHITESPACE, $pointer + 1, $closer + 1, true );
		if ( $tokens[ $first ]['line'] !== $tokens[ $pointer ]['line'] ) {
			return;
		}
		if ( $first === $closer ) {
			Spacing::expect( $file, $pointer, $closer, '', 'An empty array key has no space inside the brackets', 'SpaceInEmpty' );
			return;
		}
		$last   = $file->findPrevious( T_WHITESPACE, $closer - 1, $pointer, true );
		$inside = $this->is_literal( $tokens, $first, $last ) ? '' : ' ';
		$rule   = '' === $inside
			? 'A key that is a string or number literal has no space inside the brackets'
			: 'A key that is not a string or number literal has 1 space inside each bracket';
		Spacing::expect( $file, $pointer, $first, $inside, $rule, '' === $inside ? 'SpaceAfterOpen' : 'NoSpaceAfterOpen' );
		Spacing::expect( $file, $last, $closer, $inside, $rule, '' === $inside ? 'SpaceBeforeClose' : 'NoSpaceBeforeClose' );
	}

	/**
	 * A single string or number, negative or not: the keys written without spaces.
	 *
	 * @param array<int,array<string,mixed>> $tokens
	 */
	private function is_literal( array $tokens, int $first, int $last ): bool {
		if ( T_MINUS === $tokens[ $first ]['code'] && $first + 1 === $last ) {
			++$first;
		}
		return $first === $last && in_array( $tokens[ $first ]['code'], array( T_CONSTANT_ENCAPSED_STRING, T_LNUMBER, T_DNUMBER ), true );
	}
}
