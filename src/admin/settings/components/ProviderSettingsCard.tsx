import {
	Button,
	Card,
	CardBody,
	CardHeader,
	CheckboxControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { useMemo, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { saveSettings } from '../../../api';
import type { Settings } from '../../../api/types';
import { useBusy } from '../../../components/useBusy';
import { useNotices } from '../../../components/Notices';
import type { RoleOption } from '../../../config/admin-config';
import { toggleInList } from '../../edit/form';
import {
	fieldOfError,
	inputFromValues,
	LIFETIME_KEYS,
	LIFETIME_RANGES,
	validateEditable,
	valuesFromSettings,
	type EditableErrors,
	type EditableValues,
	type LifetimeKey,
} from '../editable';
import { FieldHelp } from './FieldHelp';

interface ProviderSettingsCardProps {
	settings: Settings;
	roles: RoleOption[];
	onSaved: ( settings: Settings ) => void;
}

function lifetimeLabel( key: LifetimeKey ): string {
	switch ( key ) {
		case 'access':
			return __( 'Access token lifetime (seconds)', 'keystone-oidc' );
		case 'id':
			return __( 'ID token lifetime (seconds)', 'keystone-oidc' );
		case 'refresh':
			return __( 'Refresh token lifetime (seconds)', 'keystone-oidc' );
		case 'code':
			return __(
				'Authorization code lifetime (seconds)',
				'keystone-oidc'
			);
	}
}

function rangeText( min: number, max: number ): string {
	return sprintf(
		/* translators: 1: the smallest value, 2: the largest. */
		__( 'A whole number from %1$d to %2$d.', 'keystone-oidc' ),
		min,
		max
	);
}

const MESSAGES = {
	lifetime: rangeText,
	consentDays: ( max: number ) => rangeText( 0, max ),
	rotationDays: ( min: number, max: number ) =>
		sprintf(
			/* translators: 1: the smallest number of days, 2: the largest. */
			__(
				'0 (off) or a whole number from %1$d to %2$d.',
				'keystone-oidc'
			),
			min,
			max
		),
};

/**
 * The settings an administrator changes (issue 14): token and code lifetimes, the roles new
 * clients allow, whether `email_verified` vouches for addresses WordPress confirmed, how long a
 * consent is remembered and automatic key rotation. One Save; a refusal shows beside its field.
 */
export function ProviderSettingsCard( {
	settings,
	roles,
	onSaved,
}: ProviderSettingsCardProps ) {
	const [ values, setValues ] = useState< EditableValues >( () =>
		valuesFromSettings( settings )
	);
	const [ refused, setRefused ] = useState< EditableErrors >( {} );
	const [ submitted, setSubmitted ] = useState( false );
	const { busy, run } = useBusy();
	const notices = useNotices();

	const checked = useMemo(
		() => validateEditable( values, MESSAGES ),
		[ values ]
	);
	const errors: EditableErrors = {
		...( submitted ? checked : {} ),
		...refused,
	};

	const update = ( change: Partial< EditableValues > ) => {
		setValues( ( current ) => ( { ...current, ...change } ) );
		setRefused( {} );
	};

	const save = () => {
		setSubmitted( true );
		if ( Object.keys( checked ).length > 0 ) {
			notices.show(
				'error',
				__(
					'Some settings are out of range; nothing was saved.',
					'keystone-oidc'
				)
			);
			return;
		}
		return run(
			async () => {
				const saved = await saveSettings( inputFromValues( values ) );
				onSaved( saved );
				setValues( valuesFromSettings( saved ) );
				setSubmitted( false );
				notices.show(
					'success',
					__( 'Settings saved.', 'keystone-oidc' )
				);
			},
			( error ) => {
				const field = fieldOfError( error );
				if ( field !== null ) {
					setRefused( { [ field.field ]: field.message } );
				}
				notices.show(
					'error',
					field?.message ??
						__(
							'The settings could not be saved.',
							'keystone-oidc'
						)
				);
			}
		);
	};

	const numberField = (
		label: string,
		value: string,
		error: string | undefined,
		help: string,
		onChange: ( next: string ) => void,
		min: number,
		max: number
	) => (
		// A number input (NumberControl is still experimental in @wordpress/components).
		<TextControl
			type="number"
			inputMode="numeric"
			label={ label }
			value={ value }
			min={ min }
			max={ max }
			step={ 1 }
			onChange={ onChange }
			help={ <FieldHelp help={ help } error={ error } /> }
			aria-invalid={ error !== undefined }
			__nextHasNoMarginBottom
			__next40pxDefaultSize
		/>
	);

	return (
		<Card className="keystone-oidc-provider-settings">
			<CardHeader>
				<h2>{ __( 'Tokens and Sign-in', 'keystone-oidc' ) }</h2>
			</CardHeader>
			<CardBody>
				<fieldset className="keystone-oidc-fieldset">
					<legend>{ __( 'Lifetimes', 'keystone-oidc' ) }</legend>
					{ LIFETIME_KEYS.map( ( key ) => (
						<div key={ key } className="keystone-oidc-field">
							{ numberField(
								lifetimeLabel( key ),
								values.lifetimes[ key ],
								errors[ `lifetimes.${ key }` ],
								rangeText( ...LIFETIME_RANGES[ key ] ),
								( next ) =>
									update( {
										lifetimes: {
											...values.lifetimes,
											[ key ]: next,
										},
									} ),
								...LIFETIME_RANGES[ key ]
							) }
						</div>
					) ) }
					<p className="description">
						{ __(
							'New tokens and codes use these; those already issued keep the lifetime they were issued with. A filter on keystone_oidc_lifetimes still has the last word.',
							'keystone-oidc'
						) }
					</p>
				</fieldset>

				<fieldset className="keystone-oidc-fieldset">
					<legend>
						{ __( 'Roles new clients allow', 'keystone-oidc' ) }
					</legend>
					<p className="description">
						{ __(
							'A client an administrator adds starts with these allowed roles. None checked: people of every role may sign in to new clients. Existing clients keep theirs.',
							'keystone-oidc'
						) }
					</p>
					{ roles.map( ( role ) => (
						<CheckboxControl
							key={ role.slug }
							label={ role.name }
							checked={ values.defaultAllowedRoles.includes(
								role.slug
							) }
							onChange={ ( on ) =>
								update( {
									defaultAllowedRoles: toggleInList(
										values.defaultAllowedRoles,
										role.slug,
										on
									),
								} )
							}
							__nextHasNoMarginBottom
						/>
					) ) }
					<span
						className="keystone-oidc-field-errors"
						aria-live="polite"
					>
						{ errors.default_allowed_roles }
					</span>
				</fieldset>

				<fieldset className="keystone-oidc-fieldset">
					<legend>
						{ __( 'E-mail addresses', 'keystone-oidc' ) }
					</legend>
					<ToggleControl
						label={ __(
							'Assert email_verified for addresses WordPress confirmed',
							'keystone-oidc'
						) }
						checked={ values.trustEmail }
						onChange={ ( trustEmail ) => update( { trustEmail } ) }
						help={
							<FieldHelp
								help={ __(
									'An address counts as confirmed once its owner used a link WordPress mailed to it: set a password through the reset (or new account) link, or confirmed a change of address on their profile. Only confirmations from now on count, and any other change of address is unconfirmed. The risk: applications that link accounts by a verified e-mail address will trust it, so anyone who can read that mailbox, or an administrator who sets an address and then resets the password to it, can take over the matching account there. Leave this off unless the applications need it.',
									'keystone-oidc'
								) }
								error={ errors.trust_email }
							/>
						}
						__nextHasNoMarginBottom
					/>
				</fieldset>

				<fieldset className="keystone-oidc-fieldset">
					<legend>
						{ __( 'Consent and keys', 'keystone-oidc' ) }
					</legend>
					<div className="keystone-oidc-field">
						{ numberField(
							__(
								'Ask for consent again after (days)',
								'keystone-oidc'
							),
							values.consentRememberDays,
							errors.consent_remember_days,
							__(
								'Counted from the last time the person allowed the application. 0 remembers a consent until the person revokes it.',
								'keystone-oidc'
							),
							( consentRememberDays ) =>
								update( { consentRememberDays } ),
							0,
							3650
						) }
					</div>
					<div className="keystone-oidc-field">
						{ numberField(
							__(
								'Rotate the signing keys every (days)',
								'keystone-oidc'
							),
							values.keyRotationDays,
							errors.key_rotation_days,
							__(
								'0 turns automatic rotation off. From 7 to 365: the hourly job makes new keys once the current ones are this old; the old keys stay published until the tokens they signed have expired.',
								'keystone-oidc'
							),
							( keyRotationDays ) =>
								update( { keyRotationDays } ),
							0,
							365
						) }
					</div>
				</fieldset>

				<Button
					variant="primary"
					onClick={ save }
					isBusy={ busy }
					disabled={ busy }
					__next40pxDefaultSize
				>
					{ __( 'Save Settings', 'keystone-oidc' ) }
				</Button>
			</CardBody>
		</Card>
	);
}
