import {
	Card,
	CardBody,
	CardHeader,
	RadioControl,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { saveSettings } from '../../../api';
import type { IssuerMode, Settings } from '../../../api/types';
import { ConfirmedAction } from '../../../components/ConfirmedAction';
import { isIssuerMode } from '../issuer';

interface IssuerCardProps {
	settings: Settings;
	onSaved: ( settings: Settings ) => void;
}

/**
 * The issuer mode: sites upgraded from Keystone OIDC 2.x keep the 2.x issuer, which their relying
 * parties compare every token against; switching is possible but those relying parties must then
 * be configured with the new issuer, so it is confirmed first.
 */
export function IssuerCard( { settings, onSaved }: IssuerCardProps ) {
	const [ mode, setMode ] = useState< IssuerMode >( settings.issuer_mode );

	return (
		<Card className="keystone-oidc-issuer">
			<CardHeader>
				<h2>{ __( 'Issuer', 'keystone-oidc' ) }</h2>
			</CardHeader>
			<CardBody>
				<RadioControl
					label={ __( 'Issuer mode', 'keystone-oidc' ) }
					selected={ mode }
					options={ [
						{
							value: 'home',
							label: `${ __( 'Home URL', 'keystone-oidc' ) }: ${
								settings.issuers.home
							}`,
						},
						{
							value: 'legacy',
							label: `${ __(
								'Keystone OIDC 2.x issuer',
								'keystone-oidc'
							) }: ${ settings.issuers.legacy }`,
						},
					] }
					onChange={ ( value ) => {
						if ( isIssuerMode( value ) ) {
							setMode( value );
						}
					} }
				/>
				<p className="description">
					{ __(
						'Sites upgraded from Keystone OIDC 2.x keep the 2.x issuer, so the applications configured against it keep working.',
						'keystone-oidc'
					) }
				</p>
				<ConfirmedAction
					label={ __( 'Change Issuer', 'keystone-oidc' ) }
					title={ __( 'Change the issuer?', 'keystone-oidc' ) }
					perform={ () => saveSettings( { issuer_mode: mode } ) }
					onDone={ onSaved }
					success={ () =>
						__(
							'Issuer changed. Relying parties must use the new issuer.',
							'keystone-oidc'
						)
					}
					disabled={ mode === settings.issuer_mode }
				>
					<p>
						{ __(
							'Every relying party checks the issuer of each token. Those configured with the current issuer stop accepting new sign-ins until they are given the new one.',
							'keystone-oidc'
						) }
					</p>
				</ConfirmedAction>
			</CardBody>
		</Card>
	);
}
