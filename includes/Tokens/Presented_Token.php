<?php
declare(strict_types=1);

namespace Keystone_OIDC\Tokens;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Models\Access_Token_Record;
use Keystone_OIDC\Models\Stored_Token;

/**
 * A token a client presented to revocation or introspection, matched to its stored record. Nothing
 * here says it is still alive: the record may be revoked, rotated or expired.
 */
final class Presented_Token {
	/** @var Stored_Token */
	public $record;

	/** @var array<string,mixed> The signed payload of an access token; empty for a refresh token. */
	public $claims;

	/**
	 * @param array<string,mixed> $claims
	 */
	public function __construct( Stored_Token $record, array $claims = array() ) {
		$this->record = $record;
		$this->claims = $claims;
	}

	public function is_access(): bool {
		return $this->record instanceof Access_Token_Record;
	}

	public function client_id(): string {
		return $this->record->client_id;
	}

	public function was_issued_to( Client $client ): bool {
		return $this->record->belongs_to( $client );
	}

	/**
	 * Whom introspection may tell about this token: the client it was issued to, or a client
	 * (a resource server) whose `client_id` the access token names in its `aud`.
	 */
	public function is_visible_to( Client $client ): bool {
		return $this->was_issued_to( $client ) || in_array( $client->client_id, $this->audiences(), true );
	}

	/**
	 * The access token's `aud` as a list (RFC 7519 §4.1.3 allows a single string). A refresh
	 * token has none: it only ever comes back to this server.
	 *
	 * @return string[]
	 */
	public function audiences(): array {
		$aud = $this->claims['aud'] ?? array();
		return array_values( array_filter( is_array( $aud ) ? $aud : array( $aud ), 'is_string' ) );
	}
}
