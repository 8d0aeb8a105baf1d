import { __, sprintf } from '@wordpress/i18n';

import type { DeviceConfig } from '../types';
import { SignedInAs } from '../../consent/components/SignedInAs';

/** The last step: what the user decided (or that the client does not admit them). */
export function Outcome( { config }: { config: DeviceConfig } ) {
	if ( config.step === 'approved' ) {
		return (
			<>
				<h1 className="keystone-oidc-consent__title">
					{ __( 'Device connected', 'keystone-oidc' ) }
				</h1>
				<p>
					{ __(
						'You can go back to your device now.',
						'keystone-oidc'
					) }
				</p>
			</>
		);
	}
	return (
		<>
			<h1 className="keystone-oidc-consent__title">
				{ __( 'Request denied', 'keystone-oidc' ) }
			</h1>
			<p>
				{ config.step === 'not_allowed'
					? sprintf(
							/* translators: %s: application name. */
							__(
								'Your account may not sign in to %s.',
								'keystone-oidc'
							),
							config.clientName
					  )
					: __(
							'The device was not given access to your account.',
							'keystone-oidc'
					  ) }
			</p>
			{ config.step === 'not_allowed' && (
				<SignedInAs
					signedInAs={ config.signedInAs }
					logoutUrl={ config.logoutUrl }
				/>
			) }
		</>
	);
}
