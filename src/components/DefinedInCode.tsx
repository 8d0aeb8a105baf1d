import { Notice } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import type { Client } from '../api/types';

/** Whether a client is declared in code (wp-config.php or a filter) and so read-only here. */
export function isDefinedInCode( client: Pick< Client, 'source' > ): boolean {
	return client.source === 'code';
}

/**
 * Under a code client's name in the list: why it has no creation date and cannot be edited.
 */
export function CodeClientNote( { client }: { client: Client } ) {
	if ( ! isDefinedInCode( client ) ) {
		return null;
	}
	return (
		<div className="keystone-oidc-code-client description">
			{ __( 'Defined in code — read-only', 'keystone-oidc' ) }
		</div>
	);
}

/**
 * On a code client's screen: the form below is shown disabled, and where to change the client.
 */
export function DefinedInCodeNotice( { client }: { client: Client | null } ) {
	if ( client === null || ! isDefinedInCode( client ) ) {
		return null;
	}
	return (
		<Notice
			status="info"
			isDismissible={ false }
			className="keystone-oidc-defined-in-code"
		>
			{ __(
				'Defined in code: this client is declared in wp-config.php (KEYSTONE_OIDC_CLIENTS) or by the keystone_oidc_clients filter. It is shown read-only; change or remove it where it is declared.',
				'keystone-oidc'
			) }
		</Notice>
	);
}
