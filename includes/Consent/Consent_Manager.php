<?php
declare(strict_types=1);

namespace Keystone_OIDC\Consent;

use Keystone_OIDC\Checks\Scope;
use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Grants\Refresh_Token;
use Keystone_OIDC\Clock;
use Keystone_OIDC\Container;
use Keystone_OIDC\Settings\Consent_Settings;
use Keystone_OIDC\Storage\Consent_Repository;

/**
 * Remembered consent: once a user allowed a client, a later request for the same scopes (or
 * fewer) needs no consent screen. A request for a scope not yet allowed asks again, and allowing
 * it adds it to what is remembered. Revoking ends the consent and everything issued under it.
 */
final class Consent_Manager {
	/**
	 * @param string[] $scopes The granted scopes of the request.
	 */
	public static function covers( int $user_id, string $client_id, array $scopes ): bool {
		$consent = Consent_Repository::find( $user_id, $client_id );
		return null !== $consent && Scope::covers( $consent['scopes'], $scopes )
			// `Settings.consent_remember_days`: an old consent asks again; allowing renews it.
			&& Consent_Settings::still_remembered( $consent['updated_at'], Clock::now(), Consent_Settings::remember_days() );
	}

	/**
	 * @param string[] $scopes The scopes the user just allowed.
	 */
	public static function remember( int $user_id, string $client_id, array $scopes ): void {
		$consent = Consent_Repository::find( $user_id, $client_id );
		$known   = null === $consent ? array() : $consent['scopes'];
		Consent_Repository::save( $user_id, $client_id, array_merge( $known, $scopes ), Clock::now() );
		do_action( 'keystone_oidc_consent_given', $user_id, $client_id, $scopes );
	}

	/**
	 * The scopes a `skip_consent` client is trusted with without asking: `offline_access` only when
	 * the administrator enabled `skip_consent_offline_access` for it.
	 *
	 * @param string[] $scopes
	 * @return string[]
	 */
	public static function implicit_scopes( Client $client, array $scopes ): array {
		if ( ! $client->skip_consent ) {
			return array();
		}
		if ( $client->skip_consent_offline_access ) {
			return $scopes;
		}
		return array_values( array_diff( $scopes, array( Refresh_Token::OFFLINE_ACCESS ) ) );
	}

	/**
	 * Ends the user's consent for the client, then its codes and tokens, so no new ones can be
	 * issued silently while the old ones are being revoked.
	 *
	 * @return bool False when the user had not allowed the client.
	 */
	public static function revoke( int $user_id, string $client_id ): bool {
		// find() compares the client_id exactly; the column's collation would not.
		if ( null === Consent_Repository::find( $user_id, $client_id ) || ! Consent_Repository::delete( $user_id, $client_id ) ) {
			return false;
		}
		Container::site()->code_store()->delete_for_user_and_client( $user_id, $client_id );
		Container::site()->token_store()->revoke_for_user_and_client( $user_id, $client_id );
		do_action( 'keystone_oidc_consent_revoked', $user_id, $client_id );
		return true;
	}

	/**
	 * A deleted account's consents go with it; its tokens already stop working (`Users\Allowed_Users`).
	 *
	 * @param int|string $user_id
	 */
	public static function forget_user( $user_id ): void {
		Consent_Repository::delete_for_user( (int) $user_id );
	}
}
