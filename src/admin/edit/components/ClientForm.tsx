import {
	Button,
	Card,
	CardBody,
	CardHeader,
	CheckboxControl,
	Panel,
	PanelBody,
	RadioControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import type { FormEvent } from 'react';

import type { RoleOption } from '../../../config/admin-config';
import {
	NetworkLockNotice,
	networkLocked,
} from '../../../components/NetworkLockNotice';
import type { ClientType, IdTokenAlg } from '../../../api/types';
import { hasErrors, toggleInList } from '../form';
import type { ClientFormErrors, ClientFormValues } from '../types';
import { GrantTypesField } from './GrantTypesField';
import { nameProblemText, scopeDescription, uriProblemText } from './messages';
import { UriListField } from './UriListField';
import { RestAccessField } from './RestAccessField';
import { ClientAuthenticationField } from './ClientAuthenticationField';

interface ClientFormProps {
	mode: 'add' | 'edit';
	values: ClientFormValues;
	onChange: ( values: ClientFormValues ) => void;
	errors: ClientFormErrors;
	/** Errors for empty required fields show only once the admin tried to submit. */
	showRequired: boolean;
	scopes: string[];
	roles: RoleOption[];
	saving: boolean;
	dirty: boolean;
	onSubmit: () => void;
}

export function ClientForm( {
	mode,
	values,
	onChange,
	errors,
	showRequired,
	scopes,
	roles,
	saving,
	dirty,
	onSubmit,
}: ClientFormProps ) {
	const set = < K extends keyof ClientFormValues >(
		key: K,
		value: ClientFormValues[ K ]
	) => onChange( { ...values, [ key ]: value } );

	const submit = ( event: FormEvent< HTMLFormElement > ) => {
		event.preventDefault();
		const form = event.currentTarget;
		onSubmit();
		if ( hasErrors( errors ) ) {
			// After the re-render that marks required fields, take the admin to the first problem.
			window.requestAnimationFrame(
				() =>
					form
						.querySelector< HTMLElement >( '[aria-invalid="true"]' )
						?.focus()
			);
		}
	};

	const nameError =
		errors.name === 'too_long' || ( errors.name !== null && showRequired )
			? nameProblemText( errors.name )
			: null;
	const backchannelError =
		errors.backchannelLogoutUri === null
			? null
			: sprintf(
					/* translators: %s: what is wrong with the URI. */
					__( 'This URI %s.', 'keystone-oidc' ),
					uriProblemText( errors.backchannelLogoutUri )
			  );
	const redirectRequired = errors.redirectUris === 'required';
	const redirectErrors = redirectRequired
		? []
		: ( errors.redirectUris as Exclude<
				ClientFormErrors[ 'redirectUris' ],
				'required'
		  > );

	return (
		<form onSubmit={ submit } noValidate>
			<Card>
				<CardHeader>
					<h2>{ __( 'Application', 'keystone-oidc' ) }</h2>
				</CardHeader>
				<CardBody>
					<div className="keystone-oidc-field">
						<TextControl
							__nextHasNoMarginBottom
							__next40pxDefaultSize
							label={ __( 'Application Name', 'keystone-oidc' ) }
							value={ values.name }
							onChange={ ( name ) => set( 'name', name ) }
							required
							aria-invalid={ nameError !== null }
							help={
								<>
									{ __(
										'Shown to people on the consent screen when they sign in.',
										'keystone-oidc'
									) }
									<span
										className="keystone-oidc-field-errors"
										aria-live="polite"
									>
										{ nameError !== null && (
											<>
												<br />
												{ nameError }
											</>
										) }
									</span>
								</>
							}
						/>
					</div>

					<UriListField
						label={ __( 'Redirect URIs', 'keystone-oidc' ) }
						help={ __(
							'One per line. Where the application receives the sign-in result; matched exactly.',
							'keystone-oidc'
						) }
						placeholder="https://app.example/callback"
						value={ values.redirectUris }
						onChange={ ( text ) => set( 'redirectUris', text ) }
						errors={ redirectErrors }
						fieldError={
							redirectRequired && showRequired
								? __(
										'Enter at least one redirect URI.',
										'keystone-oidc'
								  )
								: null
						}
						required={ values.grantTypes.includes(
							'authorization_code'
						) }
					/>

					<fieldset className="keystone-oidc-fieldset">
						<legend>
							{ __( 'Allowed Scopes', 'keystone-oidc' ) }
						</legend>
						{ scopes.map( ( scope ) => (
							<CheckboxControl
								__nextHasNoMarginBottom
								key={ scope }
								label={ scope }
								help={ scopeDescription( scope ) ?? undefined }
								checked={
									scope === 'openid' ||
									values.scopes.includes( scope )
								}
								disabled={ scope === 'openid' }
								onChange={ ( on ) =>
									set(
										'scopes',
										toggleInList( values.scopes, scope, on )
									)
								}
							/>
						) ) }
					</fieldset>

					<RadioControl
						label={ __( 'Client Type', 'keystone-oidc' ) }
						selected={ values.type }
						onChange={ ( type ) =>
							set( 'type', type as ClientType )
						}
						options={ [
							{
								value: 'confidential',
								label: __(
									'Confidential — a server-side application that can keep a secret',
									'keystone-oidc'
								),
							},
							{
								value: 'public',
								label: __(
									'Public — a browser or mobile app: no secret, PKCE required',
									'keystone-oidc'
								),
							},
						] }
						help={
							mode === 'edit'
								? __(
										'After switching a public client to confidential, use Reset Secret to give it a secret.',
										'keystone-oidc'
								  )
								: undefined
						}
					/>
					<GrantTypesField
						values={ values }
						onChange={ onChange }
						errors={ errors }
					/>
					<ClientAuthenticationField
						values={ values }
						onChange={ onChange }
					/>
				</CardBody>
			</Card>

			<Panel className="keystone-oidc-advanced">
				<PanelBody
					title={ __( 'Advanced Settings', 'keystone-oidc' ) }
					initialOpen={ mode === 'edit' }
				>
					<UriListField
						label={ __(
							'Post-Logout Redirect URIs',
							'keystone-oidc'
						) }
						help={ __(
							'One per line. Where the application may send people after they sign out.',
							'keystone-oidc'
						) }
						value={ values.postLogoutRedirectUris }
						onChange={ ( text ) =>
							set( 'postLogoutRedirectUris', text )
						}
						errors={ errors.postLogoutRedirectUris }
					/>

					<div className="keystone-oidc-field">
						<TextControl
							__nextHasNoMarginBottom
							__next40pxDefaultSize
							type="url"
							label={ __(
								'Back-Channel Logout URI',
								'keystone-oidc'
							) }
							value={ values.backchannelLogoutUri }
							onChange={ ( uri ) =>
								set( 'backchannelLogoutUri', uri )
							}
							placeholder="https://app.example/backchannel-logout"
							spellCheck={ false }
							autoCapitalize="off"
							autoComplete="off"
							aria-invalid={ backchannelError !== null }
							help={
								<>
									{ __(
										'Optional. Where this site sends a logout token when someone who signed in to the application signs out of WordPress.',
										'keystone-oidc'
									) }
									<span
										className="keystone-oidc-field-errors"
										aria-live="polite"
									>
										{ backchannelError !== null && (
											<>
												<br />
												{ backchannelError }
											</>
										) }
									</span>
								</>
							}
						/>
					</div>

					<UriListField
						label={ __( 'Audiences', 'keystone-oidc' ) }
						help={ __(
							'One per line. APIs (resource indicators) the access tokens of this client may be issued for.',
							'keystone-oidc'
						) }
						value={ values.audiences }
						onChange={ ( text ) => set( 'audiences', text ) }
						errors={ errors.audiences }
					/>

					<RestAccessField
						value={ values.restAccess }
						onChange={ ( access ) => set( 'restAccess', access ) }
					/>

					{ roles.length > 0 && (
						<fieldset className="keystone-oidc-fieldset">
							<legend>
								{ __( 'Allowed Roles', 'keystone-oidc' ) }
							</legend>
							<p className="description">
								{ __(
									'Only people with one of these roles may sign in to this application. None checked: every role may.',
									'keystone-oidc'
								) }
							</p>
							{ roles.map( ( role ) => (
								<CheckboxControl
									__nextHasNoMarginBottom
									key={ role.slug }
									label={ role.name }
									checked={ values.allowedRoles.includes(
										role.slug
									) }
									onChange={ ( on ) =>
										set(
											'allowedRoles',
											toggleInList(
												values.allowedRoles,
												role.slug,
												on
											)
										)
									}
								/>
							) ) }
						</fieldset>
					) }

					<fieldset className="keystone-oidc-fieldset">
						<legend>{ __( 'Behaviour', 'keystone-oidc' ) }</legend>
						<NetworkLockNotice
							kind="clientFields"
							fields={ [
								'skip_consent',
								'skip_consent_offline_access',
							] }
						/>
						<ToggleControl
							__nextHasNoMarginBottom
							label={ __(
								'Skip the consent screen (trusted first-party application)',
								'keystone-oidc'
							) }
							disabled={ networkLocked(
								'clientFields',
								'skip_consent'
							) }
							checked={ values.skipConsent }
							onChange={ ( on ) => set( 'skipConsent', on ) }
						/>
						{ values.skipConsent && (
							<ToggleControl
								__nextHasNoMarginBottom
								label={ __(
									'Also grant offline access without asking (refresh tokens that outlive the sign-in)',
									'keystone-oidc'
								) }
								help={ __(
									'Off: users are asked once before this application may stay connected while they are signed out (OpenID Connect Core §11).',
									'keystone-oidc'
								) }
								disabled={ networkLocked(
									'clientFields',
									'skip_consent_offline_access'
								) }
								checked={ values.skipConsentOfflineAccess }
								onChange={ ( on ) =>
									set( 'skipConsentOfflineAccess', on )
								}
							/>
						) }
						<ToggleControl
							__nextHasNoMarginBottom
							label={ __(
								'Issue refresh tokens',
								'keystone-oidc'
							) }
							checked={ values.refreshTokens }
							onChange={ ( on ) => set( 'refreshTokens', on ) }
						/>
					</fieldset>

					<RadioControl
						label={ __(
							'ID Token Signing Algorithm',
							'keystone-oidc'
						) }
						selected={ values.idTokenAlg }
						onChange={ ( alg ) =>
							set( 'idTokenAlg', alg as IdTokenAlg )
						}
						options={ [
							{
								value: 'RS256',
								label: __(
									'RS256 (RSA, most compatible)',
									'keystone-oidc'
								),
							},
							{
								value: 'ES256',
								label: __(
									'ES256 (elliptic curve P-256)',
									'keystone-oidc'
								),
							},
						] }
					/>
				</PanelBody>
			</Panel>

			<div className="keystone-oidc-form-actions">
				<Button
					variant="primary"
					type="submit"
					isBusy={ saving }
					disabled={ saving || ( mode === 'edit' && ! dirty ) }
					accessibleWhenDisabled
					__next40pxDefaultSize
				>
					{ mode === 'add'
						? __( 'Create Client', 'keystone-oidc' )
						: __( 'Save Changes', 'keystone-oidc' ) }
				</Button>
				{ mode === 'edit' && dirty && ! saving && (
					<span className="description">
						{ __( 'You have unsaved changes.', 'keystone-oidc' ) }
					</span>
				) }
			</div>
		</form>
	);
}
