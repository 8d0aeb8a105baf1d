import { __, sprintf } from '@wordpress/i18n';

import type { Client, Registration } from '../../../api/types';
import { siteDate } from '../../../components/dates';

/**
 * Under a dynamically registered client's name: that it registered itself, when, and with which
 * initial access token or by open registration. Nothing for the clients an administrator made.
 */
export function DynamicClientNote( {
	client,
	registration,
}: {
	client: Client;
	registration: Registration | undefined;
} ) {
	if ( client.source !== 'dynamic' ) {
		return null;
	}
	const when =
		siteDate(
			registration
				? new Date( registration.registered_at * 1000 )
				: client.created_at,
			'datetime'
		) ?? '';
	let who = __( 'open registration', 'keystone-oidc' );
	if ( registration?.registered_by ) {
		who = sprintf(
			/* translators: %s: the initial access token's id. */
			__( 'initial access token %s', 'keystone-oidc' ),
			registration.registered_by
		);
	}
	return (
		<div className="keystone-oidc-dynamic-client description">
			{ sprintf(
				/* translators: 1: date and time, 2: "open registration" or "initial access token <id>". */
				__( 'Registered dynamically on %1$s by %2$s', 'keystone-oidc' ),
				when,
				who
			) }
		</div>
	);
}
