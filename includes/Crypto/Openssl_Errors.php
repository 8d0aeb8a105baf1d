<?php
declare(strict_types=1);

namespace Keystone_OIDC\Crypto;

/**
 * OpenSSL keeps errors in a queue that outlives the call; left there, they would be reported
 * against whatever OpenSSL call comes next.
 */
final class Openssl_Errors {
	/**
	 * Reads, and so empties, the queue.
	 *
	 * @return string The errors, joined.
	 */
	public static function drain(): string {
		$errors = array();
		while ( false !== ( $error = openssl_error_string() ) ) {
			$errors[] = $error;
		}
		return implode( '; ', $errors );
	}
}
