import {
	Button,
	SelectControl,
	TextControl,
	TextareaControl,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import {
	errorMessage,
	getClientKeys,
	type ClientKeys,
	type TokenEndpointAuthMethod,
} from '../../../api';
import { Loading } from '../../../components/Loading';
import { useLoad } from '../../../components/useLoad';
import { readEditMode } from '../form';
import type { ClientFormValues } from '../types';

interface ClientAuthenticationFieldProps {
	values: ClientFormValues;
	onChange: ( values: ClientFormValues ) => void;
}

/**
 * How a confidential client proves itself at the token, revocation and introspection endpoints:
 * its secret (Basic or in the form: the two are interchangeable), or a JWT signed with its own key
 * (`private_key_jwt`), whose public keys are pasted or fetched from a URI. Public clients have
 * nothing to prove, so nothing is shown for them. `client_secret_jwt` is not offered: it would
 * need the secret stored readable, and this site keeps secrets only as hashes.
 */
export function ClientAuthenticationField( {
	values,
	onChange,
}: ClientAuthenticationFieldProps ) {
	if ( values.type === 'public' ) {
		return null;
	}
	const mode = readEditMode( window.location.search );
	const method: TokenEndpointAuthMethod =
		values.authMethod === 'client_secret_post' ||
		values.authMethod === 'private_key_jwt'
			? values.authMethod
			: 'client_secret_basic';
	return (
		<fieldset className="keystone-oidc-fieldset keystone-oidc-client-authentication">
			<legend>{ __( 'Client Authentication', 'keystone-oidc' ) }</legend>
			<SelectControl
				__nextHasNoMarginBottom
				__next40pxDefaultSize
				label={ __( 'Method', 'keystone-oidc' ) }
				value={ method }
				onChange={ ( authMethod ) =>
					onChange( {
						...values,
						authMethod: authMethod as TokenEndpointAuthMethod,
					} )
				}
				options={ [
					{
						value: 'client_secret_basic',
						label: __(
							'Client secret, HTTP Basic (client_secret_basic)',
							'keystone-oidc'
						),
					},
					{
						value: 'client_secret_post',
						label: __(
							'Client secret, in the form (client_secret_post)',
							'keystone-oidc'
						),
					},
					{
						value: 'private_key_jwt',
						label: __(
							'Signed JWT with the application’s own key (private_key_jwt)',
							'keystone-oidc'
						),
					},
				] }
				help={
					method === 'private_key_jwt'
						? __(
								'The application signs a short-lived JWT (RS256, ES256 or PS256) with its private key; its secret is then refused.',
								'keystone-oidc'
						  )
						: __(
								'Either secret method is accepted: applications may send the secret in the header or in the form.',
								'keystone-oidc'
						  )
				}
			/>
			{ method === 'private_key_jwt' && (
				<>
					<TextareaControl
						__nextHasNoMarginBottom
						label={ __( 'Public Keys (JWK Set)', 'keystone-oidc' ) }
						help={ __(
							'Paste the application’s public keys as a JWK Set ({"keys": […]}), or leave empty and give a JWKS URI below.',
							'keystone-oidc'
						) }
						value={ values.jwks }
						onChange={ ( jwks ) => onChange( { ...values, jwks } ) }
						rows={ 6 }
						spellCheck={ false }
					/>
					<TextControl
						__nextHasNoMarginBottom
						__next40pxDefaultSize
						type="url"
						label={ __( 'JWKS URI', 'keystone-oidc' ) }
						help={ __(
							'An https address where the application publishes its public keys; fetched and kept for ten minutes.',
							'keystone-oidc'
						) }
						placeholder="https://app.example/.well-known/jwks.json"
						value={ values.jwksUri }
						onChange={ ( jwksUri ) =>
							onChange( { ...values, jwksUri } )
						}
						spellCheck={ false }
						autoCapitalize="off"
						autoComplete="off"
					/>
					{ mode.kind === 'edit' && (
						<KnownKeys clientId={ mode.clientId } />
					) }
				</>
			) }
		</fieldset>
	);
}

/**
 * The keys this site holds for the saved client now, so an admin sees whether the application's
 * kid is among them (and why a `jwks_uri` cannot be read).
 */
function KnownKeys( { clientId }: { clientId: string } ) {
	// The first look uses what the site has cached; Check Again asks the jwks_uri itself.
	const [ refresh, setRefresh ] = useState( false );
	const { state, reload } = useLoad< ClientKeys >( () =>
		getClientKeys( clientId, refresh )
	);
	return (
		<div
			className="keystone-oidc-known-keys"
			aria-label={ __( 'Keys this site knows', 'keystone-oidc' ) }
			role="group"
		>
			<h3>{ __( 'Keys this site knows', 'keystone-oidc' ) }</h3>
			{ state.status === 'loading' && (
				<Loading label={ __( 'Reading the keys…', 'keystone-oidc' ) } />
			) }
			{ state.status === 'failed' && (
				<p className="keystone-oidc-known-keys-error" role="alert">
					{ errorMessage( state.error ) }
				</p>
			) }
			{ state.status === 'ready' && state.data.keys.length === 0 && (
				<p>
					{ __(
						'None yet: save the client with its keys or JWKS URI.',
						'keystone-oidc'
					) }
				</p>
			) }
			{ state.status === 'ready' && state.data.keys.length > 0 && (
				<ul>
					{ state.data.keys.map( ( key, index ) => (
						<li key={ `${ key.kid ?? '' }-${ index }` }>
							{ sprintf(
								/* translators: 1: key id, 2: algorithm, 3: key type. */
								__( '%1$s — %2$s, %3$s', 'keystone-oidc' ),
								key.kid ?? __( '(no kid)', 'keystone-oidc' ),
								key.alg ??
									__( 'any algorithm', 'keystone-oidc' ),
								key.kty ?? '?'
							) }
						</li>
					) ) }
				</ul>
			) }
			<Button
				variant="secondary"
				onClick={ () => {
					setRefresh( true );
					reload();
				} }
				size="compact"
			>
				{ __( 'Check Again', 'keystone-oidc' ) }
			</Button>
		</div>
	);
}
