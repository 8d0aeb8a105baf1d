import { Button } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import type { FormEvent } from 'react';

import type { ConsentConfig, ConsentDecision } from '../types';

/**
 * The consent screen's one renderer. The decision is a real form post, as in the form without
 * script it replaces (`Consent\Consent_Page`, same words): the clicked button sends
 * `decision=allow|deny` with the request ID and the nonce.
 */
export function ConsentForm( { config }: { config: ConsentConfig } ) {
	const [ sending, setSending ] = useState< ConsentDecision | null >( null );

	const onSubmit = ( event: FormEvent< HTMLFormElement > ) => {
		const submitter = ( event.nativeEvent as SubmitEvent ).submitter;
		if ( sending !== null ) {
			event.preventDefault();
			return;
		}
		const decision = submitter?.getAttribute( 'value' );
		setSending( decision === 'deny' ? 'deny' : 'allow' );
	};

	return (
		<main
			className="keystone-oidc-consent"
			aria-labelledby="keystone-oidc-consent-title"
		>
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

			{ config.scopes.length > 0 && (
				<section aria-labelledby="keystone-oidc-consent-scopes">
					<h2
						id="keystone-oidc-consent-scopes"
						className="keystone-oidc-consent__subtitle"
					>
						{ __( 'It will be able to:', 'keystone-oidc' ) }
					</h2>
					<ul className="keystone-oidc-consent__scopes">
						{ config.scopes.map( ( scope ) => (
							<li key={ scope.scope }>{ scope.description }</li>
						) ) }
					</ul>
				</section>
			) }

			<form
				method="post"
				action={ config.formAction }
				onSubmit={ onSubmit }
			>
				<input
					type="hidden"
					name="request_id"
					value={ config.requestId }
				/>
				<input type="hidden" name="_wpnonce" value={ config.nonce } />
				<div className="keystone-oidc-consent__actions">
					<Button
						type="submit"
						name="decision"
						value="allow"
						variant="primary"
						__next40pxDefaultSize
						className="keystone-oidc-consent__button"
						isBusy={ sending === 'allow' }
						aria-disabled={ sending !== null }
					>
						{ sending === 'allow'
							? __( 'Allowing…', 'keystone-oidc' )
							: __( 'Allow', 'keystone-oidc' ) }
					</Button>
					<Button
						type="submit"
						name="decision"
						value="deny"
						variant="secondary"
						__next40pxDefaultSize
						className="keystone-oidc-consent__button"
						isBusy={ sending === 'deny' }
						aria-disabled={ sending !== null }
					>
						{ sending === 'deny'
							? __( 'Denying…', 'keystone-oidc' )
							: __( 'Deny', 'keystone-oidc' ) }
					</Button>
				</div>
			</form>

			<p className="keystone-oidc-consent__note">
				{ __(
					'Allow only applications you trust. You can sign out of WordPress at any time to end this session.',
					'keystone-oidc'
				) }
			</p>
		</main>
	);
}
