import { CheckboxControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import type { GrantType } from '../../../api/types';
import { toggleInList } from '../form';
import type { ClientFormErrors, ClientFormValues } from '../types';

interface GrantTypesFieldProps {
	values: ClientFormValues;
	onChange: ( values: ClientFormValues ) => void;
	errors: ClientFormErrors;
}

/**
 * How the application gets its tokens (RFC 7591 `grant_types`). Refresh tokens stay the
 * "Issue refresh tokens" toggle, which the form maps into the same list.
 */
export function GrantTypesField( {
	values,
	onChange,
	errors,
}: GrantTypesFieldProps ) {
	const isPublic = values.type === 'public';
	const toggle = ( grant: GrantType, on: boolean ) =>
		onChange( {
			...values,
			grantTypes: toggleInList( values.grantTypes, grant, on ),
		} );
	const choices: Array< {
		grant: GrantType;
		label: string;
		help: string;
		disabled?: boolean;
	} > = [
		{
			grant: 'authorization_code',
			label: __( 'Authorization code (people sign in)', 'keystone-oidc' ),
			help: __(
				'People sign in through this site and the application receives the result at its redirect URIs.',
				'keystone-oidc'
			),
		},
		{
			grant: 'client_credentials',
			label: __(
				'Client credentials (the application acts for itself)',
				'keystone-oidc'
			),
			help: isPublic
				? __(
						'Only for confidential clients: a public client has no secret to prove who it is.',
						'keystone-oidc'
				  )
				: __(
						'For a backend service or script: it gets tokens with its own secret, without anyone signing in. Its tokens have no user (their subject is the client ID) and carry only scopes the site defines for its own APIs.',
						'keystone-oidc'
				  ),
			disabled: isPublic,
		},
		{
			grant: 'urn:ietf:params:oauth:grant-type:device_code',
			label: __(
				'Device code (TVs, CLIs: people sign in on another device)',
				'keystone-oidc'
			),
			help: __(
				'The application shows a short code; a person enters it on this site from a phone or computer.',
				'keystone-oidc'
			),
		},
	];

	return (
		<fieldset className="keystone-oidc-fieldset keystone-oidc-grant-types">
			<legend>{ __( 'Grant Types', 'keystone-oidc' ) }</legend>
			{ choices.map( ( { grant, label, help, disabled = false } ) => (
				<CheckboxControl
					__nextHasNoMarginBottom
					key={ grant }
					label={ label }
					help={ help }
					checked={
						! disabled && values.grantTypes.includes( grant )
					}
					disabled={ disabled }
					onChange={ ( on ) => toggle( grant, on ) }
				/>
			) ) }
			<span className="keystone-oidc-field-errors" aria-live="polite">
				{ errors.grantTypes === 'required' &&
					__(
						'Check at least one way for the application to get tokens.',
						'keystone-oidc'
					) }
			</span>
		</fieldset>
	);
}
