import { Button, Notice, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import type { DeviceConfig, DeviceError } from '../types';
import { SignedInAs } from '../../consent/components/SignedInAs';

function errorText( error: DeviceError ): string {
	switch ( error ) {
		case 'unknown_code':
			return __(
				'That code is not valid or has expired. Check the code on your device and try again.',
				'keystone-oidc'
			);
		case 'rate_limited':
			return __(
				'Too many wrong codes. Wait 15 minutes, then try again.',
				'keystone-oidc'
			);
		case 'expired_form':
			return __(
				'This page has expired. Enter the code again.',
				'keystone-oidc'
			);
		default:
			return '';
	}
}

/**
 * The first step: the user types the code their device shows. A code from
 * `verification_uri_complete` is only filled in: submitting it stays the user's act.
 */
export function EnterCode( { config }: { config: DeviceConfig } ) {
	const [ code, setCode ] = useState( config.userCode );
	const [ sending, setSending ] = useState( false );
	const error = errorText( config.error );

	return (
		<>
			<h1
				id="keystone-oidc-device-title"
				className="keystone-oidc-consent__title"
			>
				{ __( 'Connect a device', 'keystone-oidc' ) }
			</h1>
			<SignedInAs
				signedInAs={ config.signedInAs }
				logoutUrl={ config.logoutUrl }
			/>
			{ error !== '' && (
				<Notice status="error" isDismissible={ false }>
					<span role="alert">{ error }</span>
				</Notice>
			) }
			<form
				method="post"
				action={ config.formAction }
				onSubmit={ () => setSending( true ) }
			>
				<input type="hidden" name="_wpnonce" value={ config.nonce } />
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={ __(
						'Enter the code shown on your device',
						'keystone-oidc'
					) }
					name="user_code"
					value={ code }
					onChange={ setCode }
					autoComplete="off"
					autoCapitalize="characters"
					spellCheck={ false }
					required
				/>
				<div className="keystone-oidc-consent__actions keystone-oidc-device__actions">
					<Button
						type="submit"
						variant="primary"
						__next40pxDefaultSize
						className="keystone-oidc-consent__button"
						isBusy={ sending }
						aria-disabled={ sending }
					>
						{ __( 'Continue', 'keystone-oidc' ) }
					</Button>
				</div>
			</form>
		</>
	);
}
