<?php
declare(strict_types=1);

namespace Keystone_OIDC\Authorization\Checks;

use Keystone_OIDC\Authorization\Client_Directory;
use Keystone_OIDC\Authorization\Context;
use Keystone_OIDC\Authorization\Step;
use Keystone_OIDC\Http\Answer;
use Keystone_OIDC\Http\OAuth_Error;

/**
 * `client_id` names a registered client. Until the redirect URI is proven too, errors are pages.
 */
final class Client_Id implements Step {
	/** @var Client_Directory */
	private $clients;

	public function __construct( Client_Directory $clients ) {
		$this->clients = $clients;
	}

	public function run( Context $context ): ?Answer {
		$client_id = $context->params->get( 'client_id' );
		if ( null === $client_id ) {
			throw OAuth_Error::invalid_request( 'client_id is required' );
		}
		$context->client = $this->clients->find( $client_id );
		if ( null === $context->client ) {
			throw OAuth_Error::invalid_client( 'The client is unknown' );
		}
		return null;
	}
}
