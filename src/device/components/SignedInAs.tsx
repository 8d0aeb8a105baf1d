import { __, sprintf } from '@wordpress/i18n';

import type { DeviceConfig } from '../types';

export function SignedInAs( { config }: { config: DeviceConfig } ) {
	return (
		<p className="keystone-oidc-consent__user">
			{ sprintf(
				/* translators: %s: the signed-in user's name and login. */
				__( 'Signed in as %s.', 'keystone-oidc' ),
				config.signedInAs
			) }{ ' ' }
			{ config.logoutUrl !== '' && (
				<a href={ config.logoutUrl }>
					{ __( 'Not you?', 'keystone-oidc' ) }
				</a>
			) }
		</p>
	);
}
