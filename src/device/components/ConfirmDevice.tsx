import { Button, Notice } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import type { FormEvent } from 'react';

import type { ConsentDecision } from '../../consent/types';
import type { DeviceConfig } from '../types';
import { SignedInAs } from './SignedInAs';

/**
 * The second step, always shown (even for a client the user allowed before): a user code can
 * be phished, so only here does the user see which application the code would connect.
 */
export function ConfirmDevice( { config }: { config: DeviceConfig } ) {
	const [ sending, setSending ] = useState< ConsentDecision | null >( null );

	const onSubmit = ( event: FormEvent< HTMLFormElement > ) => {
		if ( sending !== null ) {
			event.preventDefault();
			return;
		}
		const submitter = ( event.nativeEvent as SubmitEvent ).submitter;
		setSending(
			submitter?.getAttribute( 'value' ) === 'deny' ? 'deny' : 'allow'
		);
	};

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
			<SignedInAs config={ config } />
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
			{ config.scopes.length > 0 && (
				<section aria-labelledby="keystone-oidc-device-scopes">
					<h2
						id="keystone-oidc-device-scopes"
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
				<input type="hidden" name="_wpnonce" value={ config.nonce } />
				<input
					type="hidden"
					name="user_code"
					value={ config.userCode }
				/>
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
						{ __( 'Allow', 'keystone-oidc' ) }
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
						{ __( 'Deny', 'keystone-oidc' ) }
					</Button>
				</div>
			</form>
		</>
	);
}
