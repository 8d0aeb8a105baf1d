<?php
declare(strict_types=1);

namespace Keystone_OIDC\Models;

/**
 * A row of `{prefix}oidc_tokens`: an access token (by the hash of its `jti`) or a refresh token (by
 * the hash of its value), one member of a grant's token family.
 */
abstract class Stored_Token extends Grant_Record {
	const TYPE_ACCESS  = 'access';
	const TYPE_REFRESH = 'refresh';

	/** @var string */
	public $token_hash = '';

	/**
	 * `TYPE_ACCESS` or `TYPE_REFRESH`: the `type` column.
	 */
	abstract public function type(): string;

	/**
	 * The record of the row's type.
	 *
	 * @param array<string,mixed> $row Column => value, times as integers, `data` decoded.
	 */
	public static function of_type( array $row ): self {
		return self::TYPE_REFRESH === ( $row['type'] ?? null ) ? Refresh_Token::from_row( $row ) : Access_Token_Record::from_row( $row );
	}
}
