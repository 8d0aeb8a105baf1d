import { Notice } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import { DecisionForm } from '../../consent/components/DecisionForm';
import { ScopeList } from '../../consent/components/ScopeList';
import { SignedInAs } from '../../consent/components/SignedInAs';
import type { DeviceConfig } from '../types';

/**
 * The second step, always shown (even for a client the user allowed before): a user code can
 * be phished, so only here does the user see which application the code would connect.
 */
export function ConfirmDevice( { config }: { config: DeviceConfig } ) {
	return (
		<>
			<h1
				id="keystone-oidc-device-title"
				className="keystone-oidc-consent__title"
			>
				{ sprintf(
					/* translators: %s: application name. */
					__(
						'%s wants to connect to your account',
						'keystone-oidc'
					),
					config.clientName
				) }
			</h1>
			<SignedInAs
				signedInAs={ config.signedInAs }
				logoutUrl={ config.logoutUrl }
			/>
			<p>
				{ sprintf(
					/* translators: %s: the user code, as XXXX-XXXX. */
					__( 'Code: %s', 'keystone-oidc' ),
					config.userCode
				) }
			</p>
			<Notice status="warning" isDismissible={ false }>
				<strong>
					{ __(
						'Only continue if you started this yourself on a device you have with you, and it shows this code. If someone sent you the code, choose Deny.',
						'keystone-oidc'
					) }
				</strong>
			</Notice>
			<ScopeList
				scopes={ config.scopes }
				headingId="keystone-oidc-device-scopes"
			/>
			<DecisionForm
				action={ config.formAction }
				hidden={ {
					_wpnonce: config.nonce,
					user_code: config.userCode,
				} }
			/>
		</>
	);
}
