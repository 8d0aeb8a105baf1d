import { __, sprintf } from '@wordpress/i18n';

import type { ConsentConfig } from '../types';
import { DecisionForm } from './DecisionForm';
import { ScopeList } from './ScopeList';
import { SignedInAs } from './SignedInAs';
import { SiteIdentity } from './SiteIdentity';

/**
 * The consent screen's one renderer, in the words of the form without script it replaces
 * (`Consent\Consent_Page`).
 */
export function ConsentForm( { config }: { config: ConsentConfig } ) {
	return (
		<main
			className="keystone-oidc-consent"
			aria-labelledby="keystone-oidc-consent-title"
		>
			<SiteIdentity site={ config.site } />
			<h1
				id="keystone-oidc-consent-title"
				className="keystone-oidc-consent__title"
			>
				{ sprintf(
					/* translators: %s: application name. */
					__( '%s wants to sign you in', 'keystone-oidc' ),
					config.clientName
				) }
			</h1>

			<SignedInAs
				signedInAs={ config.signedInAs }
				logoutUrl={ config.logoutUrl }
			/>

			<ScopeList
				scopes={ config.scopes }
				headingId="keystone-oidc-consent-scopes"
			/>

			<DecisionForm
				action={ config.formAction }
				hidden={ {
					request_id: config.requestId,
					_wpnonce: config.nonce,
				} }
			/>

			<p className="keystone-oidc-consent__note">
				{ __(
					'Allow only applications you trust. You can sign out of WordPress at any time to end this session.',
					'keystone-oidc'
				) }
			</p>
		</main>
	);
}
