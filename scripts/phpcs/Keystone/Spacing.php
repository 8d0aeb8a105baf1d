<?php
/**
 * What the spacing sniffs share: whitespace between two tokens must be exactly some string, and
 * phpcbf puts that string there.
 *
 * @package Keystone_OIDC
 */

declare(strict_types=1);

namespace Keystone;

use PHP_CodeSniffer\Files\File;

final class Spacing {
	/**
	 * Reports (fixably) when what lies between the two tokens, only whitespace, is not `$expected`.
	 */
	public static function expect( File $file, int $from, int $to, string $expected, string $message, string $code ): void {
		$found = $file->getTokensAsString( $from + 1, $to - $from - 1 );
		if ( $expected === $found ) {
			return;
		}
		if ( $file->addFixableError( $message . '; found "%s"', $from, $code, array( addcslashes( $found, "\t\n" ) ) ) ) {
			$file->fixer->beginChangeset();
			for ( $i = $from + 1; $i < $to; $i++ ) {
				$file->fixer->replaceToken( $i, '' );
			}
			$file->fixer->addContentBefore( $to, $expected );
			$file->fixer->endChangeset();
		}
	}
}
