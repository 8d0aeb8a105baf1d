<?php
declare(strict_types=1);

namespace Keystone_OIDC\Endpoints;

use Keystone_OIDC\Clients\Client;
use Keystone_OIDC\Tokens\Id_Token_Hint;

/**
 * An RP-initiated logout request once its client and post-logout redirect URI are proven.
 */
final class Logout_Request {
	/** @var Client|null Named by `client_id` or by the hint; null when neither did. */
	public $client = null;

	/** @var string|null Registered for `$client`. */
	public $post_logout_redirect_uri = null;

	/** @var string|null */
	public $state = null;

	/** @var string|null */
	public $ui_locales = null;

	/** @var Id_Token_Hint|null Null when none was sent or it did not verify. */
	public $hint = null;

	/**
	 * Whether the request speaks for the signed-in user's current session, so it may sign them
	 * out without asking: the hint names this user and, when it carries one, this session.
	 */
	public function is_proven_for( \WP_User $user, ?string $current_sid ): bool {
		if ( null === $this->hint || ! $this->hint->is_for_user( $user ) ) {
			return false;
		}
		return null === $this->hint->sid || ( null !== $current_sid && hash_equals( $this->hint->sid, $current_sid ) );
	}

	/**
	 * What the confirmation form sends back: the request, already proven, without the hint.
	 *
	 * @return array<string,string|null>
	 */
	public function to_form(): array {
		return array(
			'client_id'                => null === $this->client ? null : $this->client->client_id,
			'post_logout_redirect_uri' => $this->post_logout_redirect_uri,
			'state'                    => $this->state,
			'ui_locales'               => $this->ui_locales,
		);
	}
}
